-- A batch produced ahead of its planned end ends its block at its completion, so that the robot's
-- time after it is free again (calendar, bookings, a batch started early): the block's length may
-- now be shorter than the batch's duration once it has left `booked`. Rebuilding the table drops
-- its no-overlap triggers (migration 0012); they are created again, unchanged, at the end.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_robot_batches` (
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
	CONSTRAINT "robot_batches_status" CHECK("__new_robot_batches"."status" IN ('booked', 'in_production', 'produced', 'verified', 'cancelled')),
	CONSTRAINT "robot_batches_span" CHECK("__new_robot_batches"."start_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "__new_robot_batches"."end_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND "__new_robot_batches"."end_at" > "__new_robot_batches"."start_at"),
	CONSTRAINT "robot_batches_counts" CHECK(typeof("__new_robot_batches"."pouches") = 'integer' AND "__new_robot_batches"."pouches" BETWEEN 0 AND 10000000 AND typeof("__new_robot_batches"."manual_units") = 'integer' AND "__new_robot_batches"."manual_units" BETWEEN 0 AND 10000000),
	CONSTRAINT "robot_batches_duration" CHECK("__new_robot_batches"."duration_minutes" = "__new_robot_batches"."setup_minutes" + "__new_robot_batches"."pouch_minutes" + "__new_robot_batches"."manual_minutes" + "__new_robot_batches"."cleaning_minutes"
        AND "__new_robot_batches"."setup_minutes" >= 0 AND "__new_robot_batches"."pouch_minutes" >= 0 AND "__new_robot_batches"."manual_minutes" >= 0 AND "__new_robot_batches"."cleaning_minutes" >= 0
        AND (round((julianday("__new_robot_batches"."end_at") - julianday("__new_robot_batches"."start_at")) * 1440) = "__new_robot_batches"."duration_minutes"
          OR ("__new_robot_batches"."status" <> 'booked' AND round((julianday("__new_robot_batches"."end_at") - julianday("__new_robot_batches"."start_at")) * 1440) < "__new_robot_batches"."duration_minutes"))),
	CONSTRAINT "robot_batches_cancelled" CHECK(("__new_robot_batches"."status" = 'cancelled') = ("__new_robot_batches"."cancelled_at" IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_robot_batches`("id", "robot_id", "pharmacy_id", "start_at", "end_at", "status", "pouches", "manual_units", "duration_minutes", "setup_minutes", "pouch_minutes", "manual_minutes", "cleaning_minutes", "created_at", "created_by", "updated_at", "cancelled_at", "cancelled_by") SELECT "id", "robot_id", "pharmacy_id", "start_at", "end_at", "status", "pouches", "manual_units", "duration_minutes", "setup_minutes", "pouch_minutes", "manual_minutes", "cleaning_minutes", "created_at", "created_by", "updated_at", "cancelled_at", "cancelled_by" FROM `robot_batches`;--> statement-breakpoint
DROP TABLE `robot_batches`;--> statement-breakpoint
ALTER TABLE `__new_robot_batches` RENAME TO `robot_batches`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `robot_batches_robot_start_idx` ON `robot_batches` (`robot_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `robot_batches_robot_end_idx` ON `robot_batches` (`robot_id`,`end_at`);--> statement-breakpoint
CREATE INDEX `robot_batches_pharmacy_idx` ON `robot_batches` (`pharmacy_id`,`status`);--> statement-breakpoint
CREATE TRIGGER `robot_batches_no_overlap_insert` BEFORE INSERT ON `robot_batches`
WHEN NEW.`status` <> 'cancelled' AND EXISTS (
  SELECT 1 FROM `robot_batches` b
  WHERE b.`robot_id` = NEW.`robot_id` AND b.`status` <> 'cancelled'
    AND b.`end_at` > NEW.`start_at` AND b.`start_at` < NEW.`end_at`)
BEGIN
  SELECT RAISE(ABORT, 'robot_batches overlap');
END;
--> statement-breakpoint
CREATE TRIGGER `robot_batches_no_overlap_update` BEFORE UPDATE OF `start_at`, `end_at`, `status`, `robot_id` ON `robot_batches`
WHEN NEW.`status` <> 'cancelled' AND EXISTS (
  SELECT 1 FROM `robot_batches` b
  WHERE b.`id` <> NEW.`id` AND b.`robot_id` = NEW.`robot_id` AND b.`status` <> 'cancelled'
    AND b.`end_at` > NEW.`start_at` AND b.`start_at` < NEW.`end_at`)
BEGIN
  SELECT RAISE(ABORT, 'robot_batches overlap');
END;
