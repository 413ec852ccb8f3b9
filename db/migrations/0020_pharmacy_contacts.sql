PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_pharmacies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`town` text NOT NULL,
	`address` text,
	`postal_code` text,
	`phone` text,
	`finess` text,
	`pharmacist_in_charge` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "pharmacies_slug_format" CHECK("__new_pharmacies"."slug" GLOB '[a-z]*' AND "__new_pharmacies"."slug" NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "pharmacies_active_bool" CHECK("__new_pharmacies"."active" IN (0, 1)),
	CONSTRAINT "pharmacies_finess_format" CHECK("__new_pharmacies"."finess" IS NULL OR (length("__new_pharmacies"."finess") = 9 AND "__new_pharmacies"."finess" GLOB '[0-9][0-9AB][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')),
	CONSTRAINT "pharmacies_postal_code_format" CHECK("__new_pharmacies"."postal_code" IS NULL OR (length("__new_pharmacies"."postal_code") = 5 AND "__new_pharmacies"."postal_code" GLOB '[0-9][0-9][0-9][0-9][0-9]')),
	CONSTRAINT "pharmacies_phone_format" CHECK("__new_pharmacies"."phone" IS NULL OR (length("__new_pharmacies"."phone") = 14 AND "__new_pharmacies"."phone" GLOB '0[1-9] [0-9][0-9] [0-9][0-9] [0-9][0-9] [0-9][0-9]'))
);
--> statement-breakpoint
INSERT INTO `__new_pharmacies`("id", "slug", "name", "town", "active", "created_at") SELECT "id", "slug", "name", "town", "active", "created_at" FROM `pharmacies`;--> statement-breakpoint
DROP TABLE `pharmacies`;--> statement-breakpoint
ALTER TABLE `__new_pharmacies` RENAME TO `pharmacies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `pharmacies_slug_unique` ON `pharmacies` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `pharmacies_finess_unique` ON `pharmacies` (`finess`);