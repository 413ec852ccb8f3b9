CREATE TABLE `robot_batch_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`pouches` integer NOT NULL,
	`manual_units` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_orders_counts" CHECK(typeof("robot_batch_orders"."pouches") = 'integer' AND "robot_batch_orders"."pouches" BETWEEN 0 AND 10000000 AND typeof("robot_batch_orders"."manual_units") = 'integer' AND "robot_batch_orders"."manual_units" BETWEEN 0 AND 10000000),
	CONSTRAINT "robot_batch_orders_active_bool" CHECK("robot_batch_orders"."active" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robot_batch_orders_unique` ON `robot_batch_orders` (`batch_id`,`order_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `robot_batch_orders_active_order_unique` ON `robot_batch_orders` (`order_id`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `robot_batch_orders_order_idx` ON `robot_batch_orders` (`order_id`);--> statement-breakpoint
CREATE TABLE `robot_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`robot_id` integer NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`start_at` text NOT NULL,
	`end_at` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`pouches` integer NOT NULL,
	`manual_units` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`setup_minutes` integer NOT NULL,
	`pouch_minutes` integer NOT NULL,
	`manual_minutes` integer NOT NULL,
	`cleaning_minutes` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by` integer,
	FOREIGN KEY (`robot_id`) REFERENCES `robots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batches_status" CHECK("robot_batches"."status" IN ('booked', 'in_production', 'produced', 'verified', 'cancelled')),
	CONSTRAINT "robot_batches_span" CHECK("robot_batches"."start_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "robot_batches"."end_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "robot_batches"."end_at" > "robot_batches"."start_at"),
	CONSTRAINT "robot_batches_counts" CHECK(typeof("robot_batches"."pouches") = 'integer' AND "robot_batches"."pouches" BETWEEN 0 AND 10000000 AND typeof("robot_batches"."manual_units") = 'integer' AND "robot_batches"."manual_units" BETWEEN 0 AND 10000000),
	CONSTRAINT "robot_batches_duration" CHECK("robot_batches"."duration_minutes" = "robot_batches"."setup_minutes" + "robot_batches"."pouch_minutes" + "robot_batches"."manual_minutes" + "robot_batches"."cleaning_minutes"
        AND "robot_batches"."setup_minutes" >= 0 AND "robot_batches"."pouch_minutes" >= 0 AND "robot_batches"."manual_minutes" >= 0 AND "robot_batches"."cleaning_minutes" >= 0
        AND round((julianday("robot_batches"."end_at") - julianday("robot_batches"."start_at")) * 1440) = "robot_batches"."duration_minutes"),
	CONSTRAINT "robot_batches_cancelled" CHECK(("robot_batches"."status" = 'cancelled') = ("robot_batches"."cancelled_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `robot_batches_robot_start_idx` ON `robot_batches` (`robot_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `robot_batches_robot_end_idx` ON `robot_batches` (`robot_id`,`end_at`);--> statement-breakpoint
CREATE INDEX `robot_batches_pharmacy_idx` ON `robot_batches` (`pharmacy_id`,`status`);--> statement-breakpoint
CREATE TABLE `robot_cassettes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`robot_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`cip13` text NOT NULL,
	`installed_at` text NOT NULL,
	`installed_by` integer,
	`removed_at` text,
	`removed_by` integer,
	FOREIGN KEY (`robot_id`) REFERENCES `robots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`installed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_cassettes_slot" CHECK(typeof("robot_cassettes"."slot") = 'integer' AND "robot_cassettes"."slot" BETWEEN 1 AND 1000),
	CONSTRAINT "robot_cassettes_dates" CHECK("robot_cassettes"."removed_at" IS NULL OR "robot_cassettes"."removed_at" >= "robot_cassettes"."installed_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robot_cassettes_slot_current_unique` ON `robot_cassettes` (`robot_id`,`slot`) WHERE removed_at IS NULL;--> statement-breakpoint
CREATE INDEX `robot_cassettes_product_idx` ON `robot_cassettes` (`cip13`,`robot_id`);--> statement-breakpoint
CREATE TABLE `robot_closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`robot_id` integer NOT NULL,
	`start_at` text NOT NULL,
	`end_at` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`robot_id`) REFERENCES `robots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_closures_kind" CHECK("robot_closures"."kind" IN ('maintenance', 'public_holiday', 'other')),
	CONSTRAINT "robot_closures_span" CHECK("robot_closures"."start_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "robot_closures"."end_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "robot_closures"."end_at" > "robot_closures"."start_at"),
	CONSTRAINT "robot_closures_reason" CHECK(length("robot_closures"."reason") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robot_closures_start_unique` ON `robot_closures` (`robot_id`,`kind`,`start_at`);--> statement-breakpoint
CREATE INDEX `robot_closures_span_idx` ON `robot_closures` (`robot_id`,`end_at`);--> statement-breakpoint
CREATE TABLE `robot_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`robot_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	FOREIGN KEY (`robot_id`) REFERENCES `robots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_windows_weekday" CHECK(typeof("robot_windows"."weekday") = 'integer' AND "robot_windows"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "robot_windows_times" CHECK(length("robot_windows"."start_time") = 5 AND (("robot_windows"."start_time" GLOB '[0-2][0-9]:[0-5][0-9]' AND "robot_windows"."start_time" < '24:00') OR "robot_windows"."start_time" = '24:00') AND length("robot_windows"."end_time") = 5 AND (("robot_windows"."end_time" GLOB '[0-2][0-9]:[0-5][0-9]' AND "robot_windows"."end_time" < '24:00') OR "robot_windows"."end_time" = '24:00') AND "robot_windows"."end_time" > "robot_windows"."start_time")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robot_windows_start_unique` ON `robot_windows` (`robot_id`,`weekday`,`start_time`);--> statement-breakpoint
CREATE TABLE `robots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`host_pharmacy_id` integer NOT NULL,
	`rate_per_minute` integer NOT NULL,
	`setup_minutes` integer NOT NULL,
	`cleaning_minutes` integer NOT NULL,
	`manual_seconds_per_unit` integer NOT NULL,
	`control_minutes` integer NOT NULL,
	`cassette_slots` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`host_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robots_rate" CHECK(typeof("robots"."rate_per_minute") = 'integer' AND "robots"."rate_per_minute" BETWEEN 1 AND 1000),
	CONSTRAINT "robots_setup" CHECK(typeof("robots"."setup_minutes") = 'integer' AND "robots"."setup_minutes" BETWEEN 0 AND 240),
	CONSTRAINT "robots_cleaning" CHECK(typeof("robots"."cleaning_minutes") = 'integer' AND "robots"."cleaning_minutes" BETWEEN 0 AND 240),
	CONSTRAINT "robots_manual_seconds" CHECK(typeof("robots"."manual_seconds_per_unit") = 'integer' AND "robots"."manual_seconds_per_unit" BETWEEN 0 AND 600),
	CONSTRAINT "robots_control" CHECK(typeof("robots"."control_minutes") = 'integer' AND "robots"."control_minutes" BETWEEN 0 AND 2880),
	CONSTRAINT "robots_cassette_slots" CHECK(typeof("robots"."cassette_slots") = 'integer' AND "robots"."cassette_slots" BETWEEN 1 AND 1000),
	CONSTRAINT "robots_active_bool" CHECK("robots"."active" IN (0, 1)),
	CONSTRAINT "robots_name" CHECK(length("robots"."name") BETWEEN 1 AND 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robots_name_unique` ON `robots` (`name`);