CREATE TABLE `care_home_settings` (
	`care_home_id` integer PRIMARY KEY NOT NULL,
	`administration_times` text NOT NULL,
	`delivery_weekday` integer NOT NULL,
	`delivery_time` text NOT NULL,
	`cutoff_weekday` integer NOT NULL,
	`cutoff_time` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "care_home_settings_times_json" CHECK(json_valid("care_home_settings"."administration_times")),
	CONSTRAINT "care_home_settings_weekdays" CHECK("care_home_settings"."delivery_weekday" BETWEEN 1 AND 7 AND "care_home_settings"."cutoff_weekday" BETWEEN 1 AND 7),
	CONSTRAINT "care_home_settings_delivery_time" CHECK(length("care_home_settings"."delivery_time") = 5 AND "care_home_settings"."delivery_time" GLOB '[0-2][0-9]:[0-5][0-9]' AND "care_home_settings"."delivery_time" < '24:00'),
	CONSTRAINT "care_home_settings_cutoff_time" CHECK(length("care_home_settings"."cutoff_time") = 5 AND "care_home_settings"."cutoff_time" GLOB '[0-2][0-9]:[0-5][0-9]' AND "care_home_settings"."cutoff_time" < '24:00')
);
--> statement-breakpoint
CREATE TABLE `order_absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text NOT NULL,
	`change_request_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	`removed_at` text,
	`removed_by` integer,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`change_request_id`) REFERENCES `order_change_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_absences_reason_valid" CHECK("order_absences"."reason" IN ('hospitalisation', 'leave', 'other')),
	CONSTRAINT "order_absences_dates" CHECK("order_absences"."from_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "order_absences"."to_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "order_absences"."to_date" >= "order_absences"."from_date")
);
--> statement-breakpoint
CREATE INDEX `order_absences_order_idx` ON `order_absences` (`order_id`,`resident_id`);--> statement-breakpoint
CREATE TABLE `order_change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`message` text NOT NULL,
	`absences` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`decided_at` text,
	`decided_by` integer,
	`refusal_reason` text,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_change_requests_status_valid" CHECK("order_change_requests"."status" IN ('pending', 'accepted', 'refused')),
	CONSTRAINT "order_change_requests_absences_json" CHECK(json_valid("order_change_requests"."absences")),
	CONSTRAINT "order_change_requests_decision" CHECK(("order_change_requests"."status" = 'pending') = ("order_change_requests"."decided_at" IS NULL)
        AND ("order_change_requests"."status" = 'refused') = ("order_change_requests"."refusal_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `order_change_requests_order_idx` ON `order_change_requests` (`order_id`,`status`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`quarters` integer NOT NULL,
	`units` integer NOT NULL,
	`route` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_route_valid" CHECK("order_lines"."route" IN ('robot', 'manual', 'hors_pda')),
	CONSTRAINT "order_lines_units" CHECK(typeof("order_lines"."units") = 'integer' AND "order_lines"."units" >= 0 AND typeof("order_lines"."quarters") = 'integer' AND "order_lines"."quarters" >= 0 AND "order_lines"."units" * 4 >= "order_lines"."quarters")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_unique` ON `order_lines` (`order_id`,`resident_id`,`cip13`);--> statement-breakpoint
CREATE TABLE `order_residents` (
	`order_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`pouches` integer NOT NULL,
	`days` text NOT NULL,
	PRIMARY KEY(`order_id`, `resident_id`),
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_residents_pouches" CHECK(typeof("order_residents"."pouches") = 'integer' AND "order_residents"."pouches" >= 0),
	CONSTRAINT "order_residents_days_json" CHECK(json_valid("order_residents"."days"))
);
--> statement-breakpoint
CREATE TABLE `prescription_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`doses` text NOT NULL,
	`schedule_kind` text NOT NULL,
	`schedule_weekdays` text,
	`schedule_n` integer,
	`schedule_from` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`prescriber` text NOT NULL,
	`as_needed` integer DEFAULT false NOT NULL,
	`replaces_id` integer,
	`replaced_by_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	`closed_at` text,
	`closed_by` integer,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_id`) REFERENCES `prescription_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaced_by_id`) REFERENCES `prescription_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prescription_lines_doses_json" CHECK(json_valid("prescription_lines"."doses")),
	CONSTRAINT "prescription_lines_kind_valid" CHECK("prescription_lines"."schedule_kind" IN ('daily', 'weekdays', 'every_n_days')),
	CONSTRAINT "prescription_lines_schedule" CHECK(("prescription_lines"."schedule_kind" = 'weekdays') = ("prescription_lines"."schedule_weekdays" IS NOT NULL)
        AND ("prescription_lines"."schedule_kind" = 'every_n_days') = ("prescription_lines"."schedule_n" IS NOT NULL)
        AND ("prescription_lines"."schedule_kind" = 'every_n_days') = ("prescription_lines"."schedule_from" IS NOT NULL)
        AND ("prescription_lines"."schedule_n" IS NULL OR "prescription_lines"."schedule_n" BETWEEN 1 AND 366)),
	CONSTRAINT "prescription_lines_start" CHECK("prescription_lines"."start_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "prescription_lines_end" CHECK("prescription_lines"."end_date" IS NULL OR ("prescription_lines"."end_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "prescription_lines"."end_date" >= date("prescription_lines"."start_date", '-1 day'))),
	CONSTRAINT "prescription_lines_as_needed_bool" CHECK("prescription_lines"."as_needed" IN (0, 1)),
	CONSTRAINT "prescription_lines_not_self" CHECK("prescription_lines"."replaces_id" IS NULL OR "prescription_lines"."replaces_id" <> "prescription_lines"."id")
);
--> statement-breakpoint
CREATE INDEX `prescription_lines_resident_idx` ON `prescription_lines` (`resident_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`care_home_id` integer NOT NULL,
	`last_name` text NOT NULL,
	`first_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`room` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_from` text,
	`status_to` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residents_status_valid" CHECK("residents"."status" IN ('active', 'hospitalised', 'discharged', 'deceased')),
	CONSTRAINT "residents_birth_date" CHECK("residents"."birth_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "residents_status_dates" CHECK(("residents"."status" = 'active') = ("residents"."status_from" IS NULL)
        AND ("residents"."status_from" IS NULL OR "residents"."status_from" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
        AND ("residents"."status_to" IS NULL OR ("residents"."status" = 'hospitalised' AND "residents"."status_to" >= "residents"."status_from"))),
	CONSTRAINT "residents_names" CHECK(length("residents"."last_name") > 0 AND length("residents"."first_name") > 0)
);
--> statement-breakpoint
CREATE INDEX `residents_care_home_idx` ON `residents` (`care_home_id`,`last_name`,`first_name`);--> statement-breakpoint
CREATE TABLE `weekly_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`care_home_id` integer NOT NULL,
	`week` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`cutoff_at` text NOT NULL,
	`delivery_at` text NOT NULL,
	`pouches` integer DEFAULT 0 NOT NULL,
	`robot_units` integer DEFAULT 0 NOT NULL,
	`manual_units` integer DEFAULT 0 NOT NULL,
	`hors_pda_units` integer DEFAULT 0 NOT NULL,
	`computed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`submitted_at` text,
	`submitted_by` integer,
	`cancelled_at` text,
	`cancelled_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`care_home_id`) REFERENCES `care_homes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "weekly_orders_status_valid" CHECK("weekly_orders"."status" IN ('draft', 'submitted', 'planned', 'in_production', 'produced', 'verified', 'delivered', 'cancelled')),
	CONSTRAINT "weekly_orders_week_format" CHECK("weekly_orders"."week" GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
	CONSTRAINT "weekly_orders_totals" CHECK(typeof("weekly_orders"."pouches") = 'integer' AND "weekly_orders"."pouches" >= 0 AND typeof("weekly_orders"."robot_units") = 'integer' AND "weekly_orders"."robot_units" >= 0 AND typeof("weekly_orders"."manual_units") = 'integer' AND "weekly_orders"."manual_units" >= 0 AND typeof("weekly_orders"."hors_pda_units") = 'integer' AND "weekly_orders"."hors_pda_units" >= 0),
	CONSTRAINT "weekly_orders_deadlines" CHECK("weekly_orders"."cutoff_at" <= "weekly_orders"."delivery_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weekly_orders_care_home_week_unique` ON `weekly_orders` (`care_home_id`,`week`);--> statement-breakpoint
CREATE INDEX `weekly_orders_week_idx` ON `weekly_orders` (`week`,`status`);