CREATE TABLE `settlement_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`debtor_pharmacy_id` integer NOT NULL,
	`creditor_pharmacy_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`marked_at` text NOT NULL,
	`marked_by` integer,
	`undone_at` text,
	`undone_by` integer,
	FOREIGN KEY (`debtor_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`creditor_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "settlement_payments_month_format" CHECK("settlement_payments"."month" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	CONSTRAINT "settlement_payments_not_to_self" CHECK("settlement_payments"."debtor_pharmacy_id" <> "settlement_payments"."creditor_pharmacy_id"),
	CONSTRAINT "settlement_payments_amount" CHECK(typeof("settlement_payments"."amount_cents") = 'integer' AND "settlement_payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_payments_live_unique` ON `settlement_payments` (`month`,`debtor_pharmacy_id`,`creditor_pharmacy_id`) WHERE "settlement_payments"."undone_at" IS NULL;--> statement-breakpoint
CREATE INDEX `settlement_payments_month_idx` ON `settlement_payments` (`month`);