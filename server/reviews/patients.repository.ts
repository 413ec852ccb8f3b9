/**
 * SQL of patients and their medication lines, always filtered by the pharmacy that owns them.
 * A resident-patient's name and birth date are read from the resident row (never copied).
 */
import type { Db } from '../../db/client';
import { statement as stmt } from '../../db/statements';
import type { Schedule } from '../orders/orders.models';
import { scheduleOf } from '../orders/residents.repository';
import { searchMatches } from '../shared/collate';
import { activeSubstances, type CompositionRow } from './eligibility.models';

export type PatientRow = {
  id: number;
  pharmacyId: number;
  residentId: number | null;
  careHomeId: number | null;
  careHomeName: string | null;
  room: string | null;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  gpName: string | null;
  gpContact: string | null;
  gpPrescriptionDate: string | null;
  /** A resident marked deceased: the day of death (the resident's `statusFrom`); else null. */
  deceasedOn: string | null;
  createdAt: string;
  updatedAt: string;
};

const PATIENT_SELECT = `SELECT p.id, p.pharmacy_id AS pharmacyId, p.resident_id AS residentId,
    r.care_home_id AS careHomeId, ch.name AS careHomeName, r.room AS room,
    coalesce(r.last_name, p.last_name) AS lastName, coalesce(r.first_name, p.first_name) AS firstName,
    coalesce(r.birth_date, p.birth_date) AS birthDate, p.gp_name AS gpName, p.gp_contact AS gpContact,
    p.gp_prescription_date AS gpPrescriptionDate,
    CASE WHEN r.status = 'deceased' THEN r.status_from END AS deceasedOn, p.created_at AS createdAt, p.updated_at AS updatedAt
  FROM patients p
  LEFT JOIN residents r ON r.id = p.resident_id
  LEFT JOIN care_homes ch ON ch.id = r.care_home_id`;

export function findPatient(db: Db, pharmacyId: number, id: number): PatientRow | undefined {
  return stmt(db, `${PATIENT_SELECT} WHERE p.id = ? AND p.pharmacy_id = ?`).get(id, pharmacyId) as
    | PatientRow
    | undefined;
}

/**
 * A pharmacy's patients, in French alphabetical order of last then first name (`french_key`:
 * accents with their letter, case aside — SQLite's NOCASE put Émery after Zola), then id; `q`
 * keeps those whose name has every typed word (`searchMatches`), `residents` only or no residents.
 */
export function listPatients(db: Db, pharmacyId: number, f: { q?: string; residents?: 'only' | 'none' }): PatientRow[] {
  const rows = stmt(
    db,
    `${PATIENT_SELECT} WHERE p.pharmacy_id = @pharmacyId
     AND (@residents IS NULL OR (@residents = 'only') = (p.resident_id IS NOT NULL))
     ORDER BY french_key(coalesce(r.last_name, p.last_name)), french_key(coalesce(r.first_name, p.first_name)), p.id`,
  ).all({ pharmacyId, residents: f.residents ?? null }) as PatientRow[];
  if (!f.q) return rows;
  const q = f.q;
  // The one name-search rule (each word, any order, accents, œ/æ and case aside).
  return rows.filter((r) => searchMatches(`${r.lastName} ${r.firstName}`, q));
}

export function insertPatient(
  db: Db,
  row: {
    pharmacyId: number;
    residentId: number | null;
    lastName: string | null;
    firstName: string | null;
    birthDate: string | null;
    gpName: string | null;
    gpContact: string | null;
    gpPrescriptionDate: string | null;
    createdAt: string;
    createdBy: number | null;
  },
): number {
  const info = stmt(
    db,
    `INSERT INTO patients (pharmacy_id, resident_id, last_name, first_name, birth_date, gp_name, gp_contact,
       gp_prescription_date, created_at, created_by, updated_at)
     VALUES (@pharmacyId, @residentId, @lastName, @firstName, @birthDate, @gpName, @gpContact,
       @gpPrescriptionDate, @createdAt, @createdBy, @createdAt)`,
  ).run(row);
  return Number(info.lastInsertRowid);
}

const PATCHABLE = {
  lastName: 'last_name',
  firstName: 'first_name',
  birthDate: 'birth_date',
  gpName: 'gp_name',
  gpContact: 'gp_contact',
  gpPrescriptionDate: 'gp_prescription_date',
} as const;

export function updatePatient(
  db: Db,
  pharmacyId: number,
  id: number,
  values: Partial<Record<keyof typeof PATCHABLE, string | null>>,
  updatedAt: string,
): void {
  const keys = (Object.keys(values) as (keyof typeof PATCHABLE)[]).filter((k) => values[k] !== undefined);
  const sets = [...keys.map((k) => `${PATCHABLE[k]} = @${k}`), 'updated_at = @updatedAt'].join(', ');
  db.$client
    .prepare(`UPDATE patients SET ${sets} WHERE id = @id AND pharmacy_id = @pharmacyId`)
    .run({ ...Object.fromEntries(keys.map((k) => [k, values[k]])), updatedAt, id, pharmacyId });
}

export type ResidentRow = {
  id: number;
  careHomeId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  patientId: number | null;
};

/** A resident of a care home that this pharmacy serves, with its patient row if it has one. */
export function findServedResident(db: Db, pharmacyId: number, residentId: number): ResidentRow | undefined {
  return stmt(
    db,
    `SELECT r.id, r.care_home_id AS careHomeId, r.last_name AS lastName, r.first_name AS firstName,
       r.birth_date AS birthDate, p.id AS patientId
     FROM residents r JOIN care_homes ch ON ch.id = r.care_home_id
     LEFT JOIN patients p ON p.resident_id = r.id
     WHERE r.id = ? AND ch.pharmacy_id = ?`,
  ).get(residentId, pharmacyId) as ResidentRow | undefined;
}

export type PresentationFacts = {
  cip13: string;
  cis: string;
  productLabel: string;
  reimbursementRatePct: number | null;
};

export function findPresentationFacts(db: Db, cip13: string): PresentationFacts | undefined {
  return stmt(
    db,
    `SELECT p.cip13, p.cis, coalesce(s.name, p.label) AS productLabel, p.reimbursement_rate_pct AS reimbursementRatePct
     FROM catalogue_presentations p LEFT JOIN catalogue_specialities s ON s.cis = p.cis WHERE p.cip13 = ?`,
  ).get(cip13) as PresentationFacts | undefined;
}

export function insertMedication(
  db: Db,
  row: {
    patientId: number;
    cip13: string;
    startDate: string;
    endDate: string | null;
    prescriber: string | null;
    dosage: string | null;
    createdAt: string;
    createdBy: number | null;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO patient_medications (patient_id, cip13, start_date, end_date, prescriber, dosage, created_at, created_by)
       VALUES (@patientId, @cip13, @startDate, @endDate, @prescriber, @dosage, @createdAt, @createdBy)`,
    ).run(row).lastInsertRowid,
  );
}

/** A medication line entered for a patient (not a PDA line) of the pharmacy; undefined otherwise. */
export function findOwnMedication(
  db: Db,
  pharmacyId: number,
  patientId: number,
  lineId: number,
): { id: number; startDate: string; endDate: string | null } | undefined {
  return stmt(
    db,
    `SELECT m.id, m.start_date AS startDate, m.end_date AS endDate
     FROM patient_medications m JOIN patients p ON p.id = m.patient_id
     WHERE m.id = ? AND m.patient_id = ? AND p.pharmacy_id = ?`,
  ).get(lineId, patientId, pharmacyId) as { id: number; startDate: string; endDate: string | null } | undefined;
}

/** Sets the last day of a medication line entered for a patient. */
export function endMedication(db: Db, patientId: number, lineId: number, endDate: string): void {
  stmt(db, 'UPDATE patient_medications SET end_date = ? WHERE id = ? AND patient_id = ?').run(
    endDate,
    lineId,
    patientId,
  );
}

/**
 * What a resident's PDA lines prescribe per administration time: by line id, the doses in integer
 * quarters of a unit (`{ matin: 4, soir: 2 }`) and whether the line is "si besoin"; and the care
 * home's administration time names in the order of the day (empty when it has no settings row).
 */
export function pdaDosesOf(
  db: Db,
  residentId: number,
): {
  times: string[];
  lines: Map<number, { doses: Record<string, number>; asNeeded: boolean; schedule: Schedule }>;
} {
  const rows = stmt(
    db,
    `SELECT id, doses, as_needed AS asNeeded, schedule_kind AS scheduleKind, schedule_weekdays AS scheduleWeekdays,
            schedule_n AS scheduleN, schedule_from AS scheduleFrom
     FROM prescription_lines WHERE resident_id = ?`,
  ).all(residentId) as ({ id: number; doses: string; asNeeded: number } & Parameters<typeof scheduleOf>[0])[];
  const settings = stmt(
    db,
    `SELECT s.administration_times AS times FROM residents r
     JOIN care_home_settings s ON s.care_home_id = r.care_home_id WHERE r.id = ?`,
  ).get(residentId) as { times: string } | undefined;
  const times = settings ? (JSON.parse(settings.times) as { name: string }[]).map((t) => t.name) : [];
  return {
    times,
    lines: new Map(
      rows.map((r) => [
        r.id,
        { doses: JSON.parse(r.doses) as Record<string, number>, asNeeded: r.asNeeded === 1, schedule: scheduleOf(r) },
      ]),
    ),
  };
}

export type MedicationRow = {
  source: 'pda' | 'other';
  id: number;
  cip13: string;
  cis: string;
  productLabel: string;
  startDate: string;
  endDate: string | null;
  prescriber: string | null;
  /** The posology in words of a line entered at the pharmacy; null on a PDA line (its doses say it). */
  dosage: string | null;
  reimbursementRatePct: number | null;
};

/**
 * Every medication line of a patient: lines entered for the patient, and for a resident the PDA
 * prescription lines (each version with its own dates; a version replaced before it applied,
 * ending the day before it starts, is left out).
 */
export function listMedicationRows(db: Db, patientId: number, residentId: number | null): MedicationRow[] {
  return stmt(
    db,
    `SELECT 'other' AS source, m.id, m.cip13, p.cis, coalesce(s.name, p.label) AS productLabel, m.start_date AS startDate,
       m.end_date AS endDate, m.prescriber, m.dosage, p.reimbursement_rate_pct AS reimbursementRatePct
     FROM patient_medications m JOIN catalogue_presentations p ON p.cip13 = m.cip13
     LEFT JOIN catalogue_specialities s ON s.cis = p.cis WHERE m.patient_id = @patientId
     UNION ALL
     SELECT 'pda', l.id, l.cip13, p.cis, coalesce(s.name, p.label), l.start_date, l.end_date, l.prescriber, NULL,
       p.reimbursement_rate_pct
     FROM prescription_lines l JOIN catalogue_presentations p ON p.cip13 = l.cip13
     LEFT JOIN catalogue_specialities s ON s.cis = p.cis
     WHERE l.resident_id = @residentId AND (l.end_date IS NULL OR l.end_date >= l.start_date)
     ORDER BY startDate, productLabel`,
  ).all({ patientId, residentId: residentId ?? -1 }) as MedicationRow[];
}

/**
 * The medication lines of several patients at once, by patient id (each patient's lines as
 * `listMedicationRows` gives them, same order; a patient with no line is absent from the map).
 * One statement for a whole list (issue 16: the patients list and the worklist ran one per patient).
 */
export function listMedicationRowsOf(
  db: Db,
  patients: readonly { id: number; residentId: number | null }[],
): Map<number, MedicationRow[]> {
  const out = new Map<number, MedicationRow[]>();
  if (patients.length === 0) return out;
  const rows = stmt(
    db,
    `WITH ps(pid, rid) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?))
     SELECT ps.pid AS patientId, 'other' AS source, m.id, m.cip13, p.cis, coalesce(s.name, p.label) AS productLabel,
       m.start_date AS startDate, m.end_date AS endDate, m.prescriber, m.dosage,
       p.reimbursement_rate_pct AS reimbursementRatePct
     FROM ps JOIN patient_medications m ON m.patient_id = ps.pid JOIN catalogue_presentations p ON p.cip13 = m.cip13
     LEFT JOIN catalogue_specialities s ON s.cis = p.cis
     UNION ALL
     SELECT ps.pid, 'pda', l.id, l.cip13, p.cis, coalesce(s.name, p.label), l.start_date, l.end_date, l.prescriber, NULL,
       p.reimbursement_rate_pct
     FROM ps JOIN prescription_lines l ON l.resident_id = ps.rid JOIN catalogue_presentations p ON p.cip13 = l.cip13
     LEFT JOIN catalogue_specialities s ON s.cis = p.cis
     WHERE l.end_date IS NULL OR l.end_date >= l.start_date
     ORDER BY patientId, startDate, productLabel`,
  ).all(JSON.stringify(patients.map((p) => [p.id, p.residentId]))) as (MedicationRow & { patientId: number })[];
  for (const { patientId, ...row } of rows) {
    const list = out.get(patientId);
    if (list) list.push(row);
    else out.set(patientId, [row]);
  }
  return out;
}

/** Active substances per CIS, from the catalogue's compositions (FT over SA, see `activeSubstances`). */
export function substancesByCis(db: Db, cisList: string[]): Map<string, { code: string; name: string }[]> {
  const out = new Map<string, { code: string; name: string }[]>();
  if (cisList.length === 0) return out;
  const unique = [...new Set(cisList)];
  // One prepared statement whatever the number of CIS: the list goes in as a JSON array.
  const rows = stmt(
    db,
    `SELECT cis, link_no AS linkNo, nature, substance_code AS substanceCode, substance_name AS substanceName
     FROM catalogue_compositions WHERE cis IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(unique)) as CompositionRow[];
  const byCis = new Map<string, CompositionRow[]>();
  for (const row of rows) {
    const list = byCis.get(row.cis);
    if (list) list.push(row);
    else byCis.set(row.cis, [row]);
  }
  for (const cis of unique) out.set(cis, activeSubstances(byCis.get(cis) ?? []));
  return out;
}

/** The earliest day a patient's own records start (a medication line entered here, or a review), or null. */
export function earliestRecordOf(db: Db, patientId: number): string | null {
  const row = stmt(
    db,
    `SELECT min(day) AS day FROM (
       SELECT start_date AS day FROM patient_medications WHERE patient_id = @patientId
       UNION ALL SELECT started_on FROM reviews WHERE patient_id = @patientId)`,
  ).get({ patientId }) as { day: string | null };
  return row.day;
}

/**
 * The last day an act of a medication review is dated for the patient who is this resident (a
 * review's start or interruption, a step, a GP's answer; cancelled reviews left out), or null:
 * a death cannot be dated before it (SPEC §7, nothing is dated after a death).
 */
export function lastReviewActDay(db: Db, residentId: number): string | null {
  return (
    (stmt(
      db,
      `WITH rv AS (SELECT r.* FROM reviews r JOIN patients p ON p.id = r.patient_id
         WHERE p.resident_id = ? AND r.status <> 'cancelled')
       SELECT max(d) AS d FROM (
         SELECT started_on AS d FROM rv
         UNION ALL SELECT interrupted_on FROM rv
         UNION ALL SELECT s.date FROM review_steps s JOIN rv ON rv.id = s.review_id
         UNION ALL SELECT pr.gp_answer_date FROM review_problems pr JOIN rv ON rv.id = pr.review_id)`,
    )
      .pluck()
      .get(residentId) as string | null) ?? null
  );
}
