ALTER TABLE `robot_batch_rejections` ADD `run_started_at` text;--> statement-breakpoint
ALTER TABLE `robot_batch_rejections` ADD `run_completed_at` text;--> statement-breakpoint
ALTER TABLE `robot_batch_rejections` ADD `run_pouches_produced` integer;