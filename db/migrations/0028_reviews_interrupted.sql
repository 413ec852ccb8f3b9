PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`patient_id` integer NOT NULL,
	`follow_up_year` integer NOT NULL,
	`track` text NOT NULL,
	`started_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`completed_on` text,
	`cancelled_at` text,
	`cancelled_by` integer,
	`cancel_reason` text,
	`interrupted_on` text,
	`interrupt_reason` text,
	`interrupted_at` text,
	`interrupted_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interrupted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reviews_year" CHECK("__new_reviews"."follow_up_year" >= 1),
	CONSTRAINT "reviews_track_valid" CHECK("__new_reviews"."track" IN ('first', 'following_changed', 'following_unchanged')),
	CONSTRAINT "reviews_track_year" CHECK(("__new_reviews"."follow_up_year" = 1) = ("__new_reviews"."track" = 'first')),
	CONSTRAINT "reviews_status_valid" CHECK("__new_reviews"."status" IN ('open', 'completed', 'cancelled', 'interrupted')),
	CONSTRAINT "reviews_started_on" CHECK("__new_reviews"."started_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "reviews_completed" CHECK(("__new_reviews"."status" = 'completed') = ("__new_reviews"."completed_on" IS NOT NULL)),
	CONSTRAINT "reviews_cancelled" CHECK(("__new_reviews"."status" = 'cancelled') = ("__new_reviews"."cancelled_at" IS NOT NULL AND "__new_reviews"."cancel_reason" IS NOT NULL)),
	CONSTRAINT "reviews_interrupted" CHECK(("__new_reviews"."status" = 'interrupted') = ("__new_reviews"."interrupted_on" IS NOT NULL AND "__new_reviews"."interrupt_reason" IS NOT NULL)
        AND ("__new_reviews"."interrupted_on" IS NULL OR "__new_reviews"."interrupted_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))
);
--> statement-breakpoint
INSERT INTO `__new_reviews`("id", "pharmacy_id", "patient_id", "follow_up_year", "track", "started_on", "status", "completed_on", "cancelled_at", "cancelled_by", "cancel_reason", "interrupted_on", "interrupt_reason", "interrupted_at", "interrupted_by", "created_at", "created_by", "updated_at") SELECT "id", "pharmacy_id", "patient_id", "follow_up_year", "track", "started_on", "status", "completed_on", "cancelled_at", "cancelled_by", "cancel_reason", NULL, NULL, NULL, NULL, "created_at", "created_by", "updated_at" FROM `reviews`;--> statement-breakpoint
DROP TABLE `reviews`;--> statement-breakpoint
ALTER TABLE `__new_reviews` RENAME TO `reviews`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_patient_year_unique` ON `reviews` (`patient_id`,`follow_up_year`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_one_open_per_patient` ON `reviews` (`patient_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `reviews_pharmacy_idx` ON `reviews` (`pharmacy_id`,`status`);