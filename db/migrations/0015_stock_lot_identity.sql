DROP INDEX `stock_lots_identity_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `stock_lots_identity_unique` ON `stock_lots` (`pharmacy_id`,`cip13`,`lot_number`,`expiry_date`);