-- Lot numbers are stored trimmed and in capitals (issue #15, item 6). Existing lots are
-- upper-cased unless another lot of the same pharmacy, product and expiry already carries the
-- capitalised number: those pairs are left as they are (never merged), for a person to sort out.
UPDATE `stock_lots` SET `lot_number` = upper(trim(`lot_number`))
WHERE `lot_number` <> upper(trim(`lot_number`))
  AND NOT EXISTS (
    SELECT 1 FROM `stock_lots` AS o
    WHERE o.`id` <> `stock_lots`.`id` AND o.`pharmacy_id` = `stock_lots`.`pharmacy_id`
      AND o.`cip13` = `stock_lots`.`cip13` AND o.`expiry_date` = `stock_lots`.`expiry_date`
      AND upper(trim(o.`lot_number`)) = upper(trim(`stock_lots`.`lot_number`))
  );--> statement-breakpoint
-- Transfer lines copy their sender lot's number: they follow it.
UPDATE `transfer_lines` SET `lot_number` = (SELECT l.`lot_number` FROM `stock_lots` AS l WHERE l.`id` = `transfer_lines`.`lot_id`)
WHERE `lot_number` <> upper(trim(`lot_number`))
  AND EXISTS (
    SELECT 1 FROM `stock_lots` AS l
    WHERE l.`id` = `transfer_lines`.`lot_id` AND l.`lot_number` = upper(trim(`transfer_lines`.`lot_number`))
  );
