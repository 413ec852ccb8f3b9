CREATE TABLE `stock_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`rows` integer NOT NULL,
	`adjustments` integer NOT NULL,
	`applied_at` text NOT NULL,
	`applied_by` integer,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_imports_pharmacy_idx` ON `stock_imports` (`pharmacy_id`,`applied_at`);--> statement-breakpoint
CREATE TABLE `stock_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`lot_number` text NOT NULL,
	`expiry_date` text NOT NULL,
	`unit_cost_cents` integer NOT NULL,
	`quantity` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_lots_quantity_non_negative" CHECK(typeof("stock_lots"."quantity") = 'integer' AND "stock_lots"."quantity" >= 0),
	CONSTRAINT "stock_lots_cost_cents" CHECK(typeof("stock_lots"."unit_cost_cents") = 'integer' AND "stock_lots"."unit_cost_cents" >= 0),
	CONSTRAINT "stock_lots_lot_number" CHECK(length("stock_lots"."lot_number") BETWEEN 1 AND 20),
	CONSTRAINT "stock_lots_expiry_date" CHECK("stock_lots"."expiry_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_lots_identity_unique` ON `stock_lots` (`pharmacy_id`,`cip13`,`lot_number`);--> statement-breakpoint
CREATE INDEX `stock_lots_cip13_idx` ON `stock_lots` (`cip13`,`pharmacy_id`);--> statement-breakpoint
CREATE INDEX `stock_lots_expiry_idx` ON `stock_lots` (`pharmacy_id`,`expiry_date`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	`transfer_id` integer,
	`import_id` integer,
	`day` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `stock_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `stock_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_movements_kind_valid" CHECK("stock_movements"."kind" IN ('receipt', 'dispense', 'transfer_out', 'transfer_in', 'adjustment', 'destruction', 'robot_consumption')),
	CONSTRAINT "stock_movements_sign" CHECK(typeof("stock_movements"."quantity") = 'integer' AND CASE
        WHEN "stock_movements"."kind" IN ('receipt', 'transfer_in') THEN "stock_movements"."quantity" > 0
        WHEN "stock_movements"."kind" = 'adjustment' THEN "stock_movements"."quantity" <> 0
        ELSE "stock_movements"."quantity" < 0 END),
	CONSTRAINT "stock_movements_adjustment_reason" CHECK("stock_movements"."kind" <> 'adjustment' OR length("stock_movements"."reason") > 0),
	CONSTRAINT "stock_movements_destruction_reason" CHECK("stock_movements"."kind" <> 'destruction' OR "stock_movements"."reason" IN ('expired', 'damaged', 'recalled'))
);
--> statement-breakpoint
CREATE INDEX `stock_movements_lot_idx` ON `stock_movements` (`lot_id`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_usage_idx` ON `stock_movements` (`pharmacy_id`,`kind`,`day`);--> statement-breakpoint
CREATE TABLE `stock_thresholds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`min_quantity` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_thresholds_min_quantity" CHECK("stock_thresholds"."min_quantity" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_thresholds_unique` ON `stock_thresholds` (`pharmacy_id`,`cip13`);--> statement-breakpoint
CREATE TABLE `transfer_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`lot_number` text NOT NULL,
	`expiry_date` text NOT NULL,
	`unit_cost_cents` integer NOT NULL,
	`quantity` integer NOT NULL,
	`quantity_received` integer,
	`received_lot_id` integer,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `stock_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_lot_id`) REFERENCES `stock_lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfer_lines_quantity_positive" CHECK("transfer_lines"."quantity" > 0),
	CONSTRAINT "transfer_lines_received" CHECK("transfer_lines"."quantity_received" IS NULL OR ("transfer_lines"."quantity_received" >= 0 AND "transfer_lines"."quantity_received" <= "transfer_lines"."quantity"))
);
--> statement-breakpoint
CREATE INDEX `transfer_lines_transfer_idx` ON `transfer_lines` (`transfer_id`);--> statement-breakpoint
CREATE INDEX `transfer_lines_lot_idx` ON `transfer_lines` (`lot_id`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_pharmacy_id` integer NOT NULL,
	`from_pharmacy_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`quantity_requested` integer NOT NULL,
	`quantity_accepted` integer,
	`reason` text NOT NULL,
	`urgency` text NOT NULL,
	`status` text NOT NULL,
	`rejection_reason` text,
	`receipt_note` text,
	`value_cents` integer,
	`requested_at` text NOT NULL,
	`requested_by` integer,
	`decided_at` text,
	`decided_by` integer,
	`shipped_at` text,
	`shipped_by` integer,
	`received_at` text,
	`received_by` integer,
	`cancelled_at` text,
	`cancelled_by` integer,
	FOREIGN KEY (`to_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shipped_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfers_not_to_self" CHECK("transfers"."to_pharmacy_id" <> "transfers"."from_pharmacy_id"),
	CONSTRAINT "transfers_quantity_positive" CHECK("transfers"."quantity_requested" > 0),
	CONSTRAINT "transfers_accepted_quantity" CHECK("transfers"."quantity_accepted" IS NULL OR ("transfers"."quantity_accepted" > 0 AND "transfers"."quantity_accepted" <= "transfers"."quantity_requested")),
	CONSTRAINT "transfers_status_valid" CHECK("transfers"."status" IN ('requested', 'accepted', 'rejected', 'shipped', 'received', 'cancelled')),
	CONSTRAINT "transfers_urgency_valid" CHECK("transfers"."urgency" IN ('normal', 'urgent')),
	CONSTRAINT "transfers_value_cents" CHECK("transfers"."value_cents" IS NULL OR (typeof("transfers"."value_cents") = 'integer' AND "transfers"."value_cents" >= 0))
);
--> statement-breakpoint
CREATE INDEX `transfers_to_idx` ON `transfers` (`to_pharmacy_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfers_from_idx` ON `transfers` (`from_pharmacy_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfers_received_idx` ON `transfers` (`received_at`);