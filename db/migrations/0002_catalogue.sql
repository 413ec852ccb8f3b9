CREATE TABLE `catalogue_compositions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cis` text NOT NULL,
	`element` text NOT NULL,
	`substance_code` text NOT NULL,
	`substance_name` text NOT NULL,
	`dosage` text,
	`dosage_reference` text,
	`nature` text NOT NULL,
	`link_no` integer NOT NULL,
	CONSTRAINT "catalogue_compositions_nature" CHECK("catalogue_compositions"."nature" IN ('SA', 'FT', 'ST'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_compositions_key_unique` ON `catalogue_compositions` (`cis`,`element`,`substance_code`,`nature`,`link_no`);--> statement-breakpoint
CREATE TABLE `catalogue_generic_groups` (
	`group_id` integer NOT NULL,
	`cis` text NOT NULL,
	`group_label` text NOT NULL,
	`generic_type` integer NOT NULL,
	`sort_no` integer NOT NULL,
	PRIMARY KEY(`group_id`, `cis`)
);
--> statement-breakpoint
CREATE INDEX `catalogue_generic_groups_cis_idx` ON `catalogue_generic_groups` (`cis`);--> statement-breakpoint
CREATE TABLE `catalogue_presentations` (
	`cip13` text PRIMARY KEY NOT NULL,
	`cip7` text NOT NULL,
	`cis` text NOT NULL,
	`label` text NOT NULL,
	`admin_status` text NOT NULL,
	`marketing_status` text NOT NULL,
	`marketing_date` text,
	`collectivities` integer,
	`reimbursement_rate_pct` integer,
	`price_cents` integer,
	`price_with_fee_cents` integer,
	`dispensing_fee_cents` integer,
	`reimbursement_indications` text,
	`units_per_box` integer,
	`marketed` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`pda_rule` text,
	`pda_excluded` integer NOT NULL,
	`pda_reason` text,
	`pda_overridden` integer DEFAULT false NOT NULL,
	`pda_updated_at` text,
	`pda_updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pda_updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "catalogue_presentations_cip13_format" CHECK(length("catalogue_presentations"."cip13") = 13 AND "catalogue_presentations"."cip13" GLOB '3400*' AND "catalogue_presentations"."cip13" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "catalogue_presentations_cip7_format" CHECK(length("catalogue_presentations"."cip7") = 7 AND "catalogue_presentations"."cip7" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "catalogue_presentations_cents" CHECK(("catalogue_presentations"."price_cents" IS NULL OR (typeof("catalogue_presentations"."price_cents") = 'integer' AND "catalogue_presentations"."price_cents" >= 0))
        AND ("catalogue_presentations"."price_with_fee_cents" IS NULL OR (typeof("catalogue_presentations"."price_with_fee_cents") = 'integer' AND "catalogue_presentations"."price_with_fee_cents" >= 0))
        AND ("catalogue_presentations"."dispensing_fee_cents" IS NULL OR (typeof("catalogue_presentations"."dispensing_fee_cents") = 'integer' AND "catalogue_presentations"."dispensing_fee_cents" >= 0))),
	CONSTRAINT "catalogue_presentations_rate" CHECK("catalogue_presentations"."reimbursement_rate_pct" IS NULL OR "catalogue_presentations"."reimbursement_rate_pct" BETWEEN 0 AND 100),
	CONSTRAINT "catalogue_presentations_units" CHECK("catalogue_presentations"."units_per_box" IS NULL OR "catalogue_presentations"."units_per_box" > 0),
	CONSTRAINT "catalogue_presentations_flags" CHECK("catalogue_presentations"."marketed" IN (0, 1) AND "catalogue_presentations"."active" IN (0, 1) AND "catalogue_presentations"."pda_excluded" IN (0, 1) AND "catalogue_presentations"."pda_overridden" IN (0, 1)),
	CONSTRAINT "catalogue_presentations_pda_reason" CHECK("catalogue_presentations"."pda_excluded" = 0 OR "catalogue_presentations"."pda_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_presentations_cip7_unique` ON `catalogue_presentations` (`cip7`);--> statement-breakpoint
CREATE INDEX `catalogue_presentations_cis_idx` ON `catalogue_presentations` (`cis`);--> statement-breakpoint
CREATE TABLE `catalogue_specialities` (
	`cis` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`form` text NOT NULL,
	`routes` text NOT NULL,
	`amm_status` text NOT NULL,
	`amm_procedure` text NOT NULL,
	`marketing_status` text NOT NULL,
	`amm_date` text,
	`bdm_status` text,
	`eu_number` text,
	`holders` text NOT NULL,
	`reinforced_monitoring` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "catalogue_specialities_cis_format" CHECK("catalogue_specialities"."cis" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "catalogue_specialities_flags" CHECK("catalogue_specialities"."active" IN (0, 1) AND "catalogue_specialities"."reinforced_monitoring" IN (0, 1))
);
