DROP INDEX `ledger_entries_date_idx`;--> statement-breakpoint
CREATE INDEX `ledger_entries_report_idx` ON `ledger_entries` (`date`,`category_id`,`amount_cents`,`reverses_entry_id`);