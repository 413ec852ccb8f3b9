-- An account whose password the coordinator generated (created, reset) is asked to choose its own at
-- the next login. Accounts already there keep theirs (0). drizzle-kit's copy selected the new column
-- from the old table: it reads 0 instead.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`pharmacy_id` integer,
	`care_home_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`password_provisional` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_email_lowercase" CHECK("__new_users"."email" = lower("__new_users"."email")),
	CONSTRAINT "users_role_valid" CHECK("__new_users"."role" IN ('admin', 'pharmacist', 'technician', 'carehome', 'treasurer')),
	CONSTRAINT "users_scope_matches_role" CHECK(("__new_users"."role" IN ('pharmacist', 'technician')) = ("__new_users"."pharmacy_id" IS NOT NULL)
        AND ("__new_users"."role" = 'carehome') = ("__new_users"."care_home_id" IS NOT NULL)),
	CONSTRAINT "users_active_bool" CHECK("__new_users"."active" IN (0, 1)),
	CONSTRAINT "users_password_provisional_bool" CHECK("__new_users"."password_provisional" IN (0, 1))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "display_name", "password_hash", "role", "pharmacy_id", "care_home_id", "active", "password_provisional", "created_at") SELECT "id", "email", "display_name", "password_hash", "role", "pharmacy_id", "care_home_id", "active", 0, "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);