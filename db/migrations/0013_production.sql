CREATE TABLE `order_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`signer` text NOT NULL,
	`received_by` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`signed_at` text NOT NULL,
	`signed_by` integer,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_deliveries_signer" CHECK("order_deliveries"."signer" IN ('carehome', 'pharmacy')),
	CONSTRAINT "order_deliveries_received_by" CHECK(length("order_deliveries"."received_by") BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_deliveries_order_unique` ON `order_deliveries` (`order_id`);--> statement-breakpoint
CREATE TABLE `robot_batch_anomalies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`verification_id` integer,
	`order_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`description` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`resolved_at` text,
	`resolved_by` integer,
	`resolution` text,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verification_id`) REFERENCES `robot_batch_verifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_anomalies_description" CHECK(length("robot_batch_anomalies"."description") BETWEEN 1 AND 500),
	CONSTRAINT "robot_batch_anomalies_resolution" CHECK(("robot_batch_anomalies"."resolved_at" IS NULL) = ("robot_batch_anomalies"."resolution" IS NULL) AND ("robot_batch_anomalies"."resolution" IS NULL OR length("robot_batch_anomalies"."resolution") BETWEEN 1 AND 500))
);
--> statement-breakpoint
CREATE INDEX `robot_batch_anomalies_batch_idx` ON `robot_batch_anomalies` (`batch_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `robot_batch_consumption` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`order_line_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`lot_id` integer NOT NULL,
	`movement_id` integer NOT NULL,
	`units` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `weekly_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `stock_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`movement_id`) REFERENCES `stock_movements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_consumption_units" CHECK(typeof("robot_batch_consumption"."units") = 'integer' AND "robot_batch_consumption"."units" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `robot_batch_consumption_unique` ON `robot_batch_consumption` (`batch_id`,`order_line_id`,`lot_id`);--> statement-breakpoint
CREATE INDEX `robot_batch_consumption_lot_idx` ON `robot_batch_consumption` (`lot_id`);--> statement-breakpoint
CREATE INDEX `robot_batch_consumption_order_idx` ON `robot_batch_consumption` (`order_id`);--> statement-breakpoint
CREATE TABLE `robot_batch_runs` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`started_by` integer,
	`completed_at` text,
	`completed_by` integer,
	`pouches_produced` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_runs_completed" CHECK(("robot_batch_runs"."completed_at" IS NULL) = ("robot_batch_runs"."pouches_produced" IS NULL)
        AND ("robot_batch_runs"."completed_at" IS NULL OR "robot_batch_runs"."completed_at" >= "robot_batch_runs"."started_at")
        AND ("robot_batch_runs"."pouches_produced" IS NULL OR typeof("robot_batch_runs"."pouches_produced") = 'integer' AND "robot_batch_runs"."pouches_produced" >= 0))
);
--> statement-breakpoint
CREATE INDEX `robot_batch_runs_completed_idx` ON `robot_batch_runs` (`completed_at`);--> statement-breakpoint
CREATE TABLE `robot_batch_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`pouches_checked` integer NOT NULL,
	`outcome` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`checked_at` text NOT NULL,
	`checked_by` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_verifications_pouches" CHECK(typeof("robot_batch_verifications"."pouches_checked") = 'integer' AND "robot_batch_verifications"."pouches_checked" >= 0),
	CONSTRAINT "robot_batch_verifications_outcome" CHECK("robot_batch_verifications"."outcome" IN ('verified', 'anomalies'))
);
--> statement-breakpoint
CREATE INDEX `robot_batch_verifications_batch_idx` ON `robot_batch_verifications` (`batch_id`,`id`);--> statement-breakpoint
CREATE INDEX `robot_batch_verifications_month_idx` ON `robot_batch_verifications` (`outcome`,`checked_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `robot_batch_verifications_verified_unique` ON `robot_batch_verifications` (`batch_id`) WHERE outcome = 'verified';