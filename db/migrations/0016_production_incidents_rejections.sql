CREATE TABLE `robot_batch_rejections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`rejected_at` text NOT NULL,
	`rejected_by` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `robot_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rejected_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "robot_batch_rejections_decision" CHECK("robot_batch_rejections"."decision" IN ('redo', 'abandon')),
	CONSTRAINT "robot_batch_rejections_reason" CHECK(length("robot_batch_rejections"."reason") BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE INDEX `robot_batch_rejections_batch_idx` ON `robot_batch_rejections` (`batch_id`,`id`);--> statement-breakpoint
DROP INDEX `robot_batch_consumption_unique`;--> statement-breakpoint
ALTER TABLE `robot_batch_consumption` ADD `voided_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `robot_batch_consumption_unique` ON `robot_batch_consumption` (`batch_id`,`order_line_id`,`lot_id`) WHERE voided_at IS NULL;--> statement-breakpoint
ALTER TABLE `robot_batch_anomalies` ADD `missing_pouches` integer;--> statement-breakpoint
ALTER TABLE `robot_batch_runs` ADD `incident` text;