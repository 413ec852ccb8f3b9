DROP INDEX `ledger_category_keys_unique`;--> statement-breakpoint
CREATE INDEX `ledger_category_keys_idx` ON `ledger_category_keys` (`category_id`,`valid_from`,`id`);