CREATE TABLE `patient_medications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`cip13` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`prescriber` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cip13`) REFERENCES `catalogue_presentations`(`cip13`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patient_medications_dates" CHECK("patient_medications"."start_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND ("patient_medications"."end_date" IS NULL OR "patient_medications"."end_date" >= "patient_medications"."start_date"))
);
--> statement-breakpoint
CREATE INDEX `patient_medications_patient_idx` ON `patient_medications` (`patient_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`resident_id` integer,
	`last_name` text,
	`first_name` text,
	`birth_date` text,
	`gp_name` text,
	`gp_contact` text,
	`gp_prescription_date` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patients_identity" CHECK(CASE WHEN "patients"."resident_id" IS NULL
        THEN length("patients"."last_name") > 0 AND length("patients"."first_name") > 0
        ELSE "patients"."last_name" IS NULL AND "patients"."first_name" IS NULL AND "patients"."birth_date" IS NULL END),
	CONSTRAINT "patients_birth_date" CHECK("patients"."birth_date" IS NULL OR "patients"."birth_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "patients_gp_prescription_date" CHECK("patients"."gp_prescription_date" IS NULL OR "patients"."gp_prescription_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_resident_unique` ON `patients` (`resident_id`);--> statement-breakpoint
CREATE INDEX `patients_pharmacy_idx` ON `patients` (`pharmacy_id`,`last_name`,`first_name`);--> statement-breakpoint
CREATE TABLE `prescription_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`problem_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`prescription_line_id` integer,
	`change` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`applied_line_id` integer,
	`dismiss_reason` text,
	`created_at` text NOT NULL,
	`decided_at` text,
	`decided_by` integer,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`problem_id`) REFERENCES `review_problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prescription_line_id`) REFERENCES `prescription_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_line_id`) REFERENCES `prescription_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prescription_proposals_kind_valid" CHECK("prescription_proposals"."kind" IN ('add', 'stop', 'substitute', 'adjust_dose', 'change_schedule')),
	CONSTRAINT "prescription_proposals_status_valid" CHECK("prescription_proposals"."status" IN ('pending', 'applied', 'dismissed')),
	CONSTRAINT "prescription_proposals_change_json" CHECK(json_valid("prescription_proposals"."change")),
	CONSTRAINT "prescription_proposals_target" CHECK(("prescription_proposals"."kind" = 'add') = ("prescription_proposals"."prescription_line_id" IS NULL)),
	CONSTRAINT "prescription_proposals_decided" CHECK(("prescription_proposals"."status" = 'pending') = ("prescription_proposals"."decided_at" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prescription_proposals_problem_unique` ON `prescription_proposals` (`problem_id`);--> statement-breakpoint
CREATE INDEX `prescription_proposals_pharmacy_idx` ON `prescription_proposals` (`pharmacy_id`,`status`);--> statement-breakpoint
CREATE TABLE `review_fee_acts` (
	`schedule_id` integer NOT NULL,
	`track` text NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`act_code` text NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`schedule_id`, `track`, `kind`, `ordinal`),
	FOREIGN KEY (`schedule_id`) REFERENCES `review_fee_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_fee_acts_track_valid" CHECK("review_fee_acts"."track" IN ('first', 'following_changed', 'following_unchanged')),
	CONSTRAINT "review_fee_acts_kind_valid" CHECK("review_fee_acts"."kind" IN ('adhesion', 'recueil', 'analyse', 'conseil', 'observance')),
	CONSTRAINT "review_fee_acts_amount" CHECK(typeof("review_fee_acts"."amount_cents") = 'integer' AND "review_fee_acts"."amount_cents" >= 0),
	CONSTRAINT "review_fee_acts_code" CHECK(length("review_fee_acts"."act_code") BETWEEN 1 AND 20)
);
--> statement-breakpoint
CREATE TABLE `review_fee_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`valid_from` text NOT NULL,
	`label` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_fee_schedules_date" CHECK("review_fee_schedules"."valid_from" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_fee_schedules_valid_from_unique` ON `review_fee_schedules` (`valid_from`);--> statement-breakpoint
CREATE TABLE `review_problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`problem_code` text NOT NULL,
	`intervention_code` text NOT NULL,
	`drugs` text NOT NULL,
	`description` text NOT NULL,
	`prescription_line_id` integer,
	`change` text,
	`gp_answer` text DEFAULT 'pending' NOT NULL,
	`gp_answer_date` text,
	`gp_comment` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`answered_at` text,
	`answered_by` integer,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prescription_line_id`) REFERENCES `prescription_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_problems_problem_valid" CHECK("review_problems"."problem_code" IN ('1', '2', '3', '4', '5', '6.1', '6.2', '6.3', '6.4', '6.5', '7', '8', '9', '10')),
	CONSTRAINT "review_problems_intervention_valid" CHECK("review_problems"."intervention_code" IN ('1', '2', '3', '4', '5', '6', '7')),
	CONSTRAINT "review_problems_drugs_json" CHECK(json_valid("review_problems"."drugs") AND json_array_length("review_problems"."drugs") >= 1),
	CONSTRAINT "review_problems_change_json" CHECK("review_problems"."change" IS NULL OR json_valid("review_problems"."change")),
	CONSTRAINT "review_problems_answer_valid" CHECK("review_problems"."gp_answer" IN ('pending', 'accepted', 'refused', 'no_answer')),
	CONSTRAINT "review_problems_answer_date" CHECK(("review_problems"."gp_answer" = 'pending') = ("review_problems"."gp_answer_date" IS NULL) AND ("review_problems"."gp_answer_date" IS NULL OR "review_problems"."gp_answer_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))
);
--> statement-breakpoint
CREATE INDEX `review_problems_review_idx` ON `review_problems` (`review_id`);--> statement-breakpoint
CREATE TABLE `review_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`date` text NOT NULL,
	`remote` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`pharmacist_id` integer NOT NULL,
	`act_code` text,
	`amount_cents` integer,
	`fee_schedule_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pharmacist_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_schedule_id`) REFERENCES `review_fee_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_steps_kind_valid" CHECK("review_steps"."kind" IN ('adhesion', 'recueil', 'analyse', 'conseil', 'observance')),
	CONSTRAINT "review_steps_date" CHECK("review_steps"."date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "review_steps_remote_bool" CHECK("review_steps"."remote" IN (0, 1)),
	CONSTRAINT "review_steps_act" CHECK(("review_steps"."act_code" IS NULL) = ("review_steps"."amount_cents" IS NULL)
        AND ("review_steps"."amount_cents" IS NULL OR (typeof("review_steps"."amount_cents") = 'integer' AND "review_steps"."amount_cents" >= 0)))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_steps_seq_unique` ON `review_steps` (`review_id`,`seq`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pharmacy_id` integer NOT NULL,
	`patient_id` integer NOT NULL,
	`follow_up_year` integer NOT NULL,
	`track` text NOT NULL,
	`started_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`completed_on` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pharmacy_id`) REFERENCES `pharmacies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reviews_year" CHECK("reviews"."follow_up_year" >= 1),
	CONSTRAINT "reviews_track_valid" CHECK("reviews"."track" IN ('first', 'following_changed', 'following_unchanged')),
	CONSTRAINT "reviews_track_year" CHECK(("reviews"."follow_up_year" = 1) = ("reviews"."track" = 'first')),
	CONSTRAINT "reviews_status_valid" CHECK("reviews"."status" IN ('open', 'completed')),
	CONSTRAINT "reviews_started_on" CHECK("reviews"."started_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "reviews_completed" CHECK(("reviews"."status" = 'completed') = ("reviews"."completed_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_patient_year_unique` ON `reviews` (`patient_id`,`follow_up_year`);--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_one_open_per_patient` ON `reviews` (`patient_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `reviews_pharmacy_idx` ON `reviews` (`pharmacy_id`,`status`);