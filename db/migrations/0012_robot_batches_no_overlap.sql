-- No two non-cancelled batches of a robot overlap (SPEC §6). Bookings check it in an immediate
-- transaction; these triggers hold it for every other writer too.
CREATE TRIGGER `robot_batches_no_overlap_insert` BEFORE INSERT ON `robot_batches`
WHEN NEW.`status` <> 'cancelled' AND EXISTS (
  SELECT 1 FROM `robot_batches` b
  WHERE b.`robot_id` = NEW.`robot_id` AND b.`status` <> 'cancelled'
    AND b.`end_at` > NEW.`start_at` AND b.`start_at` < NEW.`end_at`)
BEGIN
  SELECT RAISE(ABORT, 'robot_batches overlap');
END;
--> statement-breakpoint
CREATE TRIGGER `robot_batches_no_overlap_update` BEFORE UPDATE OF `start_at`, `end_at`, `status`, `robot_id` ON `robot_batches`
WHEN NEW.`status` <> 'cancelled' AND EXISTS (
  SELECT 1 FROM `robot_batches` b
  WHERE b.`id` <> NEW.`id` AND b.`robot_id` = NEW.`robot_id` AND b.`status` <> 'cancelled'
    AND b.`end_at` > NEW.`start_at` AND b.`start_at` < NEW.`end_at`)
BEGIN
  SELECT RAISE(ABORT, 'robot_batches overlap');
END;
