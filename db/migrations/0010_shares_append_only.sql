-- Share register, ledger and periods keep their history (SPEC §3, §8): corrections are new
-- transactions or reversing entries, never edits; a period only goes from open to closed.
CREATE TRIGGER `share_transactions_no_update` BEFORE UPDATE ON `share_transactions`
BEGIN
  SELECT RAISE(ABORT, 'share_transactions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `share_transactions_no_delete` BEFORE DELETE ON `share_transactions`
BEGIN
  SELECT RAISE(ABORT, 'share_transactions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `share_transactions_not_in_closed_period` BEFORE INSERT ON `share_transactions`
WHEN EXISTS (SELECT 1 FROM `share_periods` WHERE `status` = 'closed' AND NEW.`date` BETWEEN `start` AND `end`)
BEGIN
  SELECT RAISE(ABORT, 'share transaction dated inside a closed period');
END;
--> statement-breakpoint
CREATE TRIGGER `share_nominal_values_no_update` BEFORE UPDATE ON `share_nominal_values`
BEGIN
  SELECT RAISE(ABORT, 'share_nominal_values is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `share_nominal_values_no_delete` BEFORE DELETE ON `share_nominal_values`
BEGIN
  SELECT RAISE(ABORT, 'share_nominal_values is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_categories_no_update` BEFORE UPDATE ON `ledger_categories`
BEGIN
  SELECT RAISE(ABORT, 'ledger_categories is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_categories_no_delete` BEFORE DELETE ON `ledger_categories`
BEGIN
  SELECT RAISE(ABORT, 'ledger_categories is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_category_keys_no_update` BEFORE UPDATE ON `ledger_category_keys`
BEGIN
  SELECT RAISE(ABORT, 'ledger_category_keys is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_category_keys_no_delete` BEFORE DELETE ON `ledger_category_keys`
BEGIN
  SELECT RAISE(ABORT, 'ledger_category_keys is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_not_in_closed_period` BEFORE INSERT ON `ledger_entries`
WHEN EXISTS (SELECT 1 FROM `share_periods` WHERE `status` = 'closed' AND NEW.`date` BETWEEN `start` AND `end`)
BEGIN
  SELECT RAISE(ABORT, 'ledger entry dated inside a closed period');
END;
--> statement-breakpoint
CREATE TRIGGER `share_periods_no_delete` BEFORE DELETE ON `share_periods`
BEGIN
  SELECT RAISE(ABORT, 'share_periods are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `share_periods_close_only` BEFORE UPDATE ON `share_periods`
WHEN NOT (OLD.`status` = 'open' AND NEW.`status` = 'closed' AND NEW.`kind` = OLD.`kind`
  AND NEW.`start` = OLD.`start` AND NEW.`end` = OLD.`end` AND NEW.`created_at` = OLD.`created_at`
  AND NEW.`created_by` IS OLD.`created_by`)
BEGIN
  SELECT RAISE(ABORT, 'a period can only be closed, once');
END;
--> statement-breakpoint
CREATE TRIGGER `share_period_snapshots_no_update` BEFORE UPDATE ON `share_period_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'share_period_snapshots is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `share_period_snapshots_no_delete` BEFORE DELETE ON `share_period_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'share_period_snapshots is append-only');
END;
