DROP INDEX `ledger_entries_category_idx`;--> statement-breakpoint
CREATE INDEX `ledger_entries_category_idx` ON `ledger_entries` (`category_id`,`date`,`id`,`amount_cents`);