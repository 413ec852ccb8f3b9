-- The search index splits each speciality name into the denomination ("DOLIPRANE 1000 mg")
-- and the form that BDPM names end with (", comprimé effervescent sécable"). The first word of
-- a query is matched against denominations and substances only: almost every name contains
-- "comprimé", so a 2-letter prefix like "co" no longer hits the whole catalogue.
DROP TRIGGER `catalogue_specialities_search_insert`;
--> statement-breakpoint
DROP TRIGGER `catalogue_specialities_search_update`;
--> statement-breakpoint
DROP TRIGGER `catalogue_specialities_search_delete`;
--> statement-breakpoint
DROP TRIGGER `catalogue_compositions_search_insert`;
--> statement-breakpoint
DROP TRIGGER `catalogue_compositions_search_update`;
--> statement-breakpoint
DROP TRIGGER `catalogue_compositions_search_delete`;
--> statement-breakpoint
DROP TABLE `catalogue_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `catalogue_search` USING fts5(
  name,
  form,
  substances,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
INSERT INTO `catalogue_search` (rowid, name, form, substances)
SELECT
  CAST(s.cis AS INTEGER),
  CASE WHEN instr(s.name, ', ') > 0 THEN substr(s.name, 1, instr(s.name, ', ') - 1) ELSE s.name END,
  CASE WHEN instr(s.name, ', ') > 0 THEN substr(s.name, instr(s.name, ', ') + 2) ELSE '' END,
  (SELECT group_concat(DISTINCT c.substance_name) FROM `catalogue_compositions` c WHERE c.cis = s.cis)
FROM `catalogue_specialities` s;
--> statement-breakpoint
CREATE TRIGGER `catalogue_specialities_search_insert` AFTER INSERT ON `catalogue_specialities`
BEGIN
  INSERT INTO `catalogue_search` (rowid, name, form, substances)
  VALUES (
    CAST(NEW.cis AS INTEGER),
    CASE WHEN instr(NEW.name, ', ') > 0 THEN substr(NEW.name, 1, instr(NEW.name, ', ') - 1) ELSE NEW.name END,
    CASE WHEN instr(NEW.name, ', ') > 0 THEN substr(NEW.name, instr(NEW.name, ', ') + 2) ELSE '' END,
    (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = NEW.cis)
  );
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_specialities_search_update` AFTER UPDATE OF name ON `catalogue_specialities`
BEGIN
  UPDATE `catalogue_search`
  SET
    name = CASE WHEN instr(NEW.name, ', ') > 0 THEN substr(NEW.name, 1, instr(NEW.name, ', ') - 1) ELSE NEW.name END,
    form = CASE WHEN instr(NEW.name, ', ') > 0 THEN substr(NEW.name, instr(NEW.name, ', ') + 2) ELSE '' END
  WHERE rowid = CAST(NEW.cis AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_specialities_search_delete` AFTER DELETE ON `catalogue_specialities`
BEGIN
  DELETE FROM `catalogue_search` WHERE rowid = CAST(OLD.cis AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_compositions_search_insert` AFTER INSERT ON `catalogue_compositions`
BEGIN
  UPDATE `catalogue_search`
  SET substances = (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = NEW.cis)
  WHERE rowid = CAST(NEW.cis AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_compositions_search_update` AFTER UPDATE OF cis, substance_name ON `catalogue_compositions`
BEGIN
  UPDATE `catalogue_search`
  SET substances = (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = OLD.cis)
  WHERE rowid = CAST(OLD.cis AS INTEGER);
  UPDATE `catalogue_search`
  SET substances = (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = NEW.cis)
  WHERE rowid = CAST(NEW.cis AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_compositions_search_delete` AFTER DELETE ON `catalogue_compositions`
BEGIN
  UPDATE `catalogue_search`
  SET substances = (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = OLD.cis)
  WHERE rowid = CAST(OLD.cis AS INTEGER);
END;
