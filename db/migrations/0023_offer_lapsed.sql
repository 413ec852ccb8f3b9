PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_transfer_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_pharmacy_id` integer NOT NULL,
	`to_pharmacy_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`quantity` integer NOT NULL,
	`note` text NOT NULL,
	`status` text NOT NULL,
	`last_day` text NOT NULL,
	`decline_reason` text,
	`transfer_id` integer,
	`offered_at` text NOT NULL,
	`offered_by` integer,
	`answered_at` text,
	`answered_by` integer,
	FOREIGN KEY (`from_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `stock_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfer_offers_not_to_self" CHECK("__new_transfer_offers"."to_pharmacy_id" <> "__new_transfer_offers"."from_pharmacy_id"),
	CONSTRAINT "transfer_offers_quantity_positive" CHECK(typeof("__new_transfer_offers"."quantity") = 'integer' AND "__new_transfer_offers"."quantity" > 0),
	CONSTRAINT "transfer_offers_status_valid" CHECK("__new_transfer_offers"."status" IN ('offered', 'accepted', 'declined', 'cancelled', 'expired', 'lapsed')),
	CONSTRAINT "transfer_offers_last_day" CHECK("__new_transfer_offers"."last_day" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "transfer_offers_accepted_transfer" CHECK(("__new_transfer_offers"."status" = 'accepted') = ("__new_transfer_offers"."transfer_id" IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_transfer_offers`("id", "from_pharmacy_id", "to_pharmacy_id", "lot_id", "cip13", "quantity", "note", "status", "last_day", "decline_reason", "transfer_id", "offered_at", "offered_by", "answered_at", "answered_by") SELECT "id", "from_pharmacy_id", "to_pharmacy_id", "lot_id", "cip13", "quantity", "note", "status", "last_day", "decline_reason", "transfer_id", "offered_at", "offered_by", "answered_at", "answered_by" FROM `transfer_offers`;--> statement-breakpoint
DROP TABLE `transfer_offers`;--> statement-breakpoint
ALTER TABLE `__new_transfer_offers` RENAME TO `transfer_offers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `transfer_offers_to_idx` ON `transfer_offers` (`to_pharmacy_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfer_offers_from_idx` ON `transfer_offers` (`from_pharmacy_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfer_offers_lot_idx` ON `transfer_offers` (`lot_id`);