PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stock_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`lot_number` text NOT NULL,
	`expiry_date` text NOT NULL,
	`unit_cost_cents` integer NOT NULL,
	`unit_cost_millicents` integer DEFAULT 0 NOT NULL,
	`quantity` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_lots_quantity_non_negative" CHECK(typeof("__new_stock_lots"."quantity") = 'integer' AND "__new_stock_lots"."quantity" >= 0),
	CONSTRAINT "stock_lots_cost_cents" CHECK(typeof("__new_stock_lots"."unit_cost_cents") = 'integer' AND "__new_stock_lots"."unit_cost_cents" >= 0),
	CONSTRAINT "stock_lots_cost_millicents" CHECK(typeof("__new_stock_lots"."unit_cost_millicents") = 'integer' AND "__new_stock_lots"."unit_cost_millicents" >= 0),
	CONSTRAINT "stock_lots_lot_number" CHECK(length("__new_stock_lots"."lot_number") BETWEEN 1 AND 20),
	CONSTRAINT "stock_lots_expiry_date" CHECK("__new_stock_lots"."expiry_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
INSERT INTO `__new_stock_lots`("id", "pharmacy_id", "cip13", "lot_number", "expiry_date", "unit_cost_cents", "unit_cost_millicents", "quantity", "created_at") SELECT "id", "pharmacy_id", "cip13", "lot_number", "expiry_date", "unit_cost_cents", "unit_cost_cents" * 1000, "quantity", "created_at" FROM `stock_lots`;--> statement-breakpoint
DROP TABLE `stock_lots`;--> statement-breakpoint
ALTER TABLE `__new_stock_lots` RENAME TO `stock_lots`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `stock_lots_identity_unique` ON `stock_lots` (`pharmacy_id`,`cip13`,`lot_number`,`expiry_date`);--> statement-breakpoint
CREATE INDEX `stock_lots_cip13_idx` ON `stock_lots` (`cip13`,`pharmacy_id`);--> statement-breakpoint
CREATE INDEX `stock_lots_expiry_idx` ON `stock_lots` (`pharmacy_id`,`expiry_date`);--> statement-breakpoint
ALTER TABLE `transfer_lines` ADD `unit_cost_millicents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Costs recorded before this migration were whole cents: their finer cost is the same amount.
UPDATE `stock_lots` SET `unit_cost_millicents` = `unit_cost_cents` * 1000;--> statement-breakpoint
UPDATE `transfer_lines` SET `unit_cost_millicents` = `unit_cost_cents` * 1000;
