CREATE TABLE `ledger_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_categories_kind" CHECK("ledger_categories"."kind" IN ('cost', 'revenue'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_categories_name_unique` ON `ledger_categories` (`name`);--> statement-breakpoint
CREATE TABLE `ledger_category_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`allocation_key` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`category_id`) REFERENCES `ledger_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_category_keys_key" CHECK("ledger_category_keys"."allocation_key" IN ('holding', 'equal', 'activity')),
	CONSTRAINT "ledger_category_keys_date" CHECK("ledger_category_keys"."valid_from" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_category_keys_unique` ON `ledger_category_keys` (`category_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`category_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`description` text NOT NULL,
	`reference` text,
	`reverses_entry_id` integer,
	`reversal_reason` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`category_id`) REFERENCES `ledger_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_date" CHECK("ledger_entries"."date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "ledger_entries_amount_cents" CHECK(typeof("ledger_entries"."amount_cents") = 'integer' AND (("ledger_entries"."reverses_entry_id" IS NULL AND "ledger_entries"."amount_cents" > 0) OR ("ledger_entries"."reverses_entry_id" IS NOT NULL AND "ledger_entries"."amount_cents" < 0))),
	CONSTRAINT "ledger_entries_reversal_reason" CHECK(("ledger_entries"."reverses_entry_id" IS NULL) = ("ledger_entries"."reversal_reason" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_date_idx` ON `ledger_entries` (`date`);--> statement-breakpoint
CREATE INDEX `ledger_entries_category_idx` ON `ledger_entries` (`category_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_reverses_unique` ON `ledger_entries` (`reverses_entry_id`);--> statement-breakpoint
CREATE TABLE `share_monthly_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`summary` text,
	`sha256` text,
	`error` text,
	`created_at` text NOT NULL,
	CONSTRAINT "share_monthly_drafts_outcome" CHECK(("share_monthly_drafts"."summary" IS NULL) <> ("share_monthly_drafts"."error" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_monthly_drafts_month_unique` ON `share_monthly_drafts` (`month`);--> statement-breakpoint
CREATE TABLE `share_nominal_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`valid_from` text NOT NULL,
	`value_cents` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "share_nominal_values_cents" CHECK(typeof("share_nominal_values"."value_cents") = 'integer' AND "share_nominal_values"."value_cents" > 0),
	CONSTRAINT "share_nominal_values_date" CHECK("share_nominal_values"."valid_from" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_nominal_values_valid_from_unique` ON `share_nominal_values` (`valid_from`);--> statement-breakpoint
CREATE TABLE `share_period_snapshots` (
	`period_id` integer PRIMARY KEY NOT NULL,
	`report_json` text NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `share_periods`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "share_period_snapshots_sha256" CHECK(length("share_period_snapshots"."sha256") = 64)
);
--> statement-breakpoint
CREATE TABLE `share_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`closed_at` text,
	`closed_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "share_periods_kind" CHECK("share_periods"."kind" IN ('month', 'quarter', 'year')),
	CONSTRAINT "share_periods_status" CHECK("share_periods"."status" IN ('open', 'closed')),
	CONSTRAINT "share_periods_range" CHECK("share_periods"."start" <= "share_periods"."end"),
	CONSTRAINT "share_periods_dates" CHECK("share_periods"."start" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "share_periods"."end" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "share_periods_closed_at" CHECK(("share_periods"."status" = 'closed') = ("share_periods"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_periods_kind_start_unique` ON `share_periods` (`kind`,`start`);--> statement-breakpoint
CREATE INDEX `share_periods_range_idx` ON `share_periods` (`status`,`start`,`end`);--> statement-breakpoint
CREATE TABLE `share_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`shares` integer NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`to_pharmacy_id` integer,
	`nominal_value_cents` integer NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "share_transactions_type" CHECK("share_transactions"."type" IN ('subscription', 'transfer', 'redemption')),
	CONSTRAINT "share_transactions_shares" CHECK(typeof("share_transactions"."shares") = 'integer' AND "share_transactions"."shares" > 0),
	CONSTRAINT "share_transactions_nominal_cents" CHECK(typeof("share_transactions"."nominal_value_cents") = 'integer' AND "share_transactions"."nominal_value_cents" > 0),
	CONSTRAINT "share_transactions_date" CHECK("share_transactions"."date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "share_transactions_recipient" CHECK(("share_transactions"."type" = 'transfer') = ("share_transactions"."to_pharmacy_id" IS NOT NULL)),
	CONSTRAINT "share_transactions_not_to_self" CHECK("share_transactions"."to_pharmacy_id" IS NULL OR "share_transactions"."to_pharmacy_id" <> "share_transactions"."pharmacy_id")
);
--> statement-breakpoint
CREATE INDEX `share_transactions_date_idx` ON `share_transactions` (`date`);