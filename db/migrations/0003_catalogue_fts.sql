-- Full-text search over speciality names and their substances (drizzle-kit cannot generate
-- FTS5 tables or triggers). One row per speciality, rowid = the CIS as an integer.
-- unicode61 with remove_diacritics 2 makes "lévothyroxine" and "LEVOTHYROXINE" the same token;
-- the prefix indexes serve the prefix queries ("amlo"*) that product search sends.
CREATE VIRTUAL TABLE `catalogue_search` USING fts5(
  name,
  substances,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
CREATE TRIGGER `catalogue_specialities_search_insert` AFTER INSERT ON `catalogue_specialities`
BEGIN
  INSERT INTO `catalogue_search` (rowid, name, substances)
  VALUES (
    CAST(NEW.cis AS INTEGER),
    NEW.name,
    (SELECT group_concat(DISTINCT substance_name) FROM `catalogue_compositions` WHERE cis = NEW.cis)
  );
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_specialities_search_update` AFTER UPDATE OF name ON `catalogue_specialities`
BEGIN
  UPDATE `catalogue_search` SET name = NEW.name WHERE rowid = CAST(NEW.cis AS INTEGER);
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
