CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer,
	`care_home_id` integer,
	`role` text,
	`scope_key` text NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`message_key` text NOT NULL,
	`params` text NOT NULL,
	`raised_on` text NOT NULL,
	`raised_by` text NOT NULL,
	`created_at` text NOT NULL,
	`dismissed_at` text,
	`dismissed_by` integer,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dismissed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alerts_exactly_one_scope" CHECK(("alerts"."pharmacy_id" IS NOT NULL) + ("alerts"."care_home_id" IS NOT NULL) + ("alerts"."role" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe_unique` ON `alerts` (`kind`,`scope_key`,`entity`,`entity_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `alerts_pharmacy_idx` ON `alerts` (`pharmacy_id`,`dismissed_at`);--> statement-breakpoint
CREATE INDEX `alerts_care_home_idx` ON `alerts` (`care_home_id`,`dismissed_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period_key` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text NOT NULL,
	`summary` text,
	`error` text,
	CONSTRAINT "job_runs_outcome_valid" CHECK("job_runs"."outcome" IN ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period_unique` ON `job_runs` (`job`,`period_key`);--> statement-breakpoint
CREATE TABLE `care_homes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`finess` text NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_homes_finess_format" CHECK(length("care_homes"."finess") = 9 AND "care_homes"."finess" GLOB '[0-9][0-9AB][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "care_homes_active_bool" CHECK("care_homes"."active" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_homes_slug_unique` ON `care_homes` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `care_homes_finess_unique` ON `care_homes` (`finess`);--> statement-breakpoint
CREATE TABLE `pharmacies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`town` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "pharmacies_slug_format" CHECK("pharmacies"."slug" GLOB '[a-z]*' AND "pharmacies"."slug" NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "pharmacies_active_bool" CHECK("pharmacies"."active" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pharmacies_slug_unique` ON `pharmacies` (`slug`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`pharmacy_id` integer,
	`care_home_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_email_lowercase" CHECK("users"."email" = lower("users"."email")),
	CONSTRAINT "users_role_valid" CHECK("users"."role" IN ('admin', 'pharmacist', 'technician', 'carehome', 'treasurer')),
	CONSTRAINT "users_scope_matches_role" CHECK(("users"."role" IN ('pharmacist', 'technician')) = ("users"."pharmacy_id" IS NOT NULL)
        AND ("users"."role" = 'carehome') = ("users"."care_home_id" IS NOT NULL)),
	CONSTRAINT "users_active_bool" CHECK("users"."active" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);