import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangeRequestBody, MAX_CHANGE_ABSENCES } from '../../server/orders/orders.schemas';
import { ReceiptBody, TransferAcceptBody, TransferRequestBody } from '../../server/stock/stock.schemas';
import { createUserBody } from '../../server/users/users.schemas';
import { fr } from '../../web/src/i18n/catalogue';
import { formatMessage } from '../../web/src/i18n/format';
import type { Translate } from '../../web/src/i18n/i18n';
import { ApiError } from '../../web/src/shared/api';
import { dateTextError, endOfMonth, formatDateText, isUnrealDate, parseDateText } from '../../web/src/shared/date-text';
import { describeError } from '../../web/src/shared/errors';
import { numberOrUndefined, serverFieldErrors, validateAsBody } from '../../web/src/shared/forms';
import { parseNumberText } from '../../web/src/shared/number-text';
import { sortRows } from '../../web/src/shared/table-sort';
import { schemaErrors } from '../../web/src/shared/validation';

const t: Translate = (key, params) => formatMessage(fr[key], params, 'fr');

describe('web date field: typed dates', () => {
  it('When a day is typed as French people write it, Then it is read as that calendar day', () => {
    expect(parseDateText('15/06/2028')).toBe('2028-06-15');
    expect(parseDateText(' 5/6/2028 ')).toBe('2028-06-05');
    expect(parseDateText('15-06-2028')).toBe('2028-06-15');
    expect(parseDateText('15.06.2028')).toBe('2028-06-15');
    expect(parseDateText('2028-06-15')).toBe('2028-06-15');
    // A phone's numeric keypad has no « / »: the eight digits alone are the day.
    expect(parseDateText('15062028')).toBe('2028-06-15');
    expect(parseDateText('01112026')).toBe('2026-11-01');
  });

  it('When an expiry is typed as printed on a box (mm/aaaa), Then it means the last day of that month', () => {
    expect(parseDateText('06/2028', 'expiry')).toBe('2028-06-30');
    expect(parseDateText('2/2028', 'expiry')).toBe('2028-02-29');
    expect(parseDateText('02/2027', 'expiry')).toBe('2027-02-28');
    expect(parseDateText('12/2027', 'expiry')).toBe('2027-12-31');
    expect(parseDateText('2028-06', 'expiry')).toBe('2028-06-30');
    expect(parseDateText('31/12/2027', 'expiry')).toBe('2027-12-31');
    expect(parseDateText('062028', 'expiry')).toBe('2028-06-30');
  });

  it('When a date has its format but names no real day, Then it is told apart from a text that is no date', () => {
    for (const text of ['31/02/2026', '12/13/2026', '30022028', '2026-02-30']) expect(isUnrealDate(text)).toBe(true);
    expect(isUnrealDate('13/2028', 'expiry')).toBe(true);
    for (const text of ['15/06/2028', '31 février', '06/2028', '', '3/2']) expect(isUnrealDate(text)).toBe(false);
    // What every date field then says (the booking dialog's start and each DateField alike).
    expect(t(dateTextError('31/02/2026') ?? 'validation.date')).toBe(
      'Ce jour n’existe pas : vérifiez le jour et le mois',
    );
    expect(dateTextError('31 février')).toBe('validation.date');
    expect(dateTextError('février', 'expiry')).toBe('validation.expiryDate');
    for (const text of ['15/06/2028', ' ', '']) expect(dateTextError(text)).toBeNull();
    expect(dateTextError('06/2028', 'expiry')).toBeNull();
    // A month and year names no day: only its month can be wrong.
    for (const text of ['13/2028', '132028', '2028-13'])
      expect(t(dateTextError(text, 'expiry') ?? 'validation.date'), text).toBe(
        'Ce mois n’existe pas : le mois va de 01 à 12',
      );
    expect(dateTextError('31/02/2028', 'expiry')).toBe('validation.dateNotReal');
  });

  it('When a text is not a complete real date, Then nothing is read (a month alone is not a day)', () => {
    for (const text of [
      '06/2028',
      '31/02/2028',
      '00/06/2028',
      '15/13/2028',
      '15/06/28',
      '15/06',
      'demain',
      '',
      '31022028',
      '1506202',
      '062028',
    ]) {
      expect(parseDateText(text), text).toBeNull();
    }
    expect(parseDateText('13/2028', 'expiry')).toBeNull();
    expect(parseDateText('06/0000', 'expiry')).toBeNull();
  });

  it('When a date is shown back, Then it reads jj/mm/aaaa; a month picked in the calendar ends the month', () => {
    expect(formatDateText('2028-06-30')).toBe('30/06/2028');
    expect(formatDateText('06/20')).toBe('06/20');
    expect(formatDateText(null)).toBe('');
    expect(endOfMonth('2028-02-01')).toBe('2028-02-29');
  });
});

describe('web forms: zod issues as French sentences', () => {
  it('When a number is typed or pasted, Then the field keeps it as typed: "2.5" is 2.5, never 25, and "1e3" stays text', () => {
    expect(['2,5', '2.5', ' 3 ', '1 000', '1\u202f000', '-3', '0,25', ',5', ''].map(parseNumberText)).toEqual([
      2.5,
      2.5,
      3,
      1000,
      1000,
      -3,
      0.25,
      0.5,
      '',
    ]);
    // Not a number: kept as the text, which the field shows in error and the schema refuses.
    expect(['2,', '1e3', 'abc', '2,5,1', '--3', '0x1F'].map(parseNumberText)).toEqual([
      '2,',
      '1e3',
      'abc',
      '2,5,1',
      '--3',
      '0x1F',
    ]);
  });

  it('When a quantity is typed "2,5" or half-typed "2,", Then it is refused, never sent as 25 or as no quantity', () => {
    const accept = (quantity: number | string) =>
      validateAsBody(TransferAcceptBody, t, (v: { quantity: number | string }) => ({
        quantity: numberOrUndefined(v.quantity),
      }))({ quantity });
    expect(accept(2.5)).toEqual({ quantity: 'Saisissez un nombre entier' });
    // A half-typed "2," is not "no quantity" (which would accept all that was asked).
    expect(accept('2,')).toHaveProperty('quantity');
    expect(accept('')).toEqual({});
    expect(accept(3)).toEqual({});
  });

  it('When a shared schema refuses values, Then every message is a plain French sentence, never zod wording', () => {
    const errors = schemaErrors(
      TransferRequestBody,
      { fromPharmacyId: 1, cip13: '123', quantity: 0, reason: 'ab\u202e', urgency: 'soon' },
      t,
    );
    expect(errors.cip13).toBe('CIP13 invalide : 13 chiffres, clé de contrôle comprise');
    // 0 and −3 get one wording, the one the quantity field itself gives a negative number.
    expect(errors.quantity).toBe('Au moins 1');
    expect(schemaErrors(TransferRequestBody, { quantity: -3 }, t).quantity).toBe('Au moins 1');
    expect(errors.urgency).toBe('Choisissez une des valeurs proposées');
    for (const message of Object.values(errors)) {
      expect(message).not.toMatch(/Trop petit|Trop grand|attendu|expected|>=|<=/i);
    }
  });

  it('When a late change carries more absences than a request may, Then the form says the limit in French', () => {
    const absence = { residentId: 1, from: '2026-12-07', to: '2026-12-08', reason: 'hospitalisation' };
    const errors = schemaErrors(
      ChangeRequestBody,
      { message: 'Retours d’hôpital', absences: Array.from({ length: MAX_CHANGE_ABSENCES + 1 }, () => absence) },
      t,
    );
    expect(errors.absences).toBe('50 absences au plus par demande : envoyez les autres dans une seconde demande.');
    const fifty = { message: 'Retours', absences: Array.from({ length: MAX_CHANGE_ABSENCES }, () => absence) };
    expect(schemaErrors(ChangeRequestBody, fifty, t)).toEqual({});
  });

  it('When an absence overlaps one already marked or asked for, Then the sentence names the resident and the days, so the row can be found', () => {
    const asked = new ApiError(409, 'orders.absence_already_requested', 'overlap', [
      {
        residentId: 24,
        resident: 'MARTIN Jeanne',
        from: '2026-12-08',
        to: '2026-12-10',
        reason: 'hospitalisation',
        pending: { changeRequestId: 3 },
      },
    ]);
    expect(describeError(t, asked)).toContain(
      'une absence de MARTIN Jeanne sur une partie des jours du 08/12/2026 au 10/12/2026 :',
    );
    const marked = new ApiError(409, 'orders.absence_overlaps', 'overlap', [
      {
        from: '2026-12-09',
        to: '2026-12-09',
        residentId: 25,
        resident: 'DUPUY Henri',
        existing: { from: '2026-12-08', to: '2026-12-10' },
      },
    ]);
    expect(describeError(t, marked)).toContain(
      'Une absence de DUPUY Henri couvre déjà une partie des jours du 09/12/2026 au 09/12/2026 :',
    );
    const outside = new ApiError(422, 'orders.absence_outside_week', 'outside', [
      { from: '2026-12-09', to: '2026-12-20', week: '2026-W51', weekFrom: '2026-12-14', weekTo: '2026-12-20' },
    ]);
    expect(describeError(t, outside)).toBe(
      'L’absence doit tenir dans la semaine de la commande, du 14/12/2026 au 20/12/2026.',
    );
    // A status is named in words, its date as the pages write dates.
    const away = new ApiError(422, 'orders.resident_away_by_status', 'away', [
      {
        from: '2026-12-09',
        to: '2026-12-10',
        residentId: 25,
        resident: 'DUPUY Henri',
        status: 'discharged',
        statusFrom: '2026-11-20',
        statusTo: null,
      },
    ]);
    expect(describeError(t, away)).toBe(
      'DUPUY Henri : son statut « Sorti » depuis le 20/11/2026 écarte déjà ces jours de la commande. Aucun sachet n’y est préparé, l’absence ne changerait rien.',
    );
    // A week is named as the pages name it, not by its ISO code.
    const exists = new ApiError(409, 'orders.already_exists', 'exists', [{ id: 9, week: '2026-W52' }]);
    expect(describeError(t, exists)).toBe('La commande de la semaine 52 existe déjà.');
    // A batch past its order's deadline says when it would end and what the deadline is, in Paris.
    const late = new ApiError(422, 'robot.after_deadline', 'late', [
      { orderId: 3, deadline: '2026-12-11T09:00:00.000Z', end: '2026-12-11T10:18:00.000Z' },
    ]);
    expect(describeError(t, late)).toBe(
      'La série finirait le 11/12/2026 11:18, après l’échéance de la commande (11/12/2026 10:00 : livraison moins le temps de contrôle du pharmacien).',
    );
    // A closure over booked batches names the first one, its times in Paris.
    const closure = new ApiError(409, 'robot.closure_over_batches', 'over', [
      { id: 4, start: '2026-12-10T07:30:00.000Z', end: '2026-12-10T09:00:00.000Z' },
    ]);
    expect(describeError(t, closure)).toBe(
      'Des séries sont réservées pendant cette fermeture, dont la série n° 4 (du 10/12/2026 08:30 au 10/12/2026 10:00) : déplacez-les ou annulez-les d’abord.',
    );
    // A review step named by its code reads as the page names it.
    const outOfOrder = new ApiError(409, 'reviews.step_out_of_order', 'order', [
      { expected: 'conseil', kind: 'analyse' },
    ]);
    // A name that starts with a vowel takes « d’ », as French writes it.
    const elided = new ApiError(409, 'orders.absence_overlaps', 'overlap', [
      {
        from: '2026-12-09',
        to: '2026-12-09',
        resident: 'AUDOIN Andrée',
        existing: { from: '2026-12-08', to: '2026-12-10' },
      },
    ]);
    expect(describeError(t, elided)).toContain('Une absence d’AUDOIN Andrée couvre déjà');
    expect(describeError(t, outOfOrder)).toBe(
      'Les étapes se suivent dans l’ordre : la prochaine est « Entretien conseil ».',
    );
    // A list in the details reads as words, not « {known} ».
    const unknownTime = new ApiError(422, 'reviews.unknown_administration_time', 'time', [
      { name: 'minuit', known: ['matin', 'midi', 'soir', 'coucher'] },
    ]);
    expect(describeError(t, unknownTime)).toBe(
      'L’EHPAD n’a pas d’heure d’administration « minuit » (heures : matin, midi, soir, coucher).',
    );
    // Why a capsule is not halved, in words.
    const capsule = new ApiError(422, 'prescriptions.dose_not_divisible', 'whole', [
      { cip13: '3400937977661', form: 'gélule', rule: 'capsule', times: ['soir'] },
    ]);
    expect(describeError(t, capsule)).toBe(
      'Ce médicament se donne en unités entières (prise : soir) : une gélule ou une capsule ne se coupe pas. Choisissez une dose entière ou une présentation sécable.',
    );
  });

  it('When a field with its own message (a CIP13, a date) is not given, Then it reads « Champ obligatoire », not « invalide »', () => {
    const errors = schemaErrors(
      ChangeRequestBody,
      { message: 'Retour', absences: [{ residentId: 1, from: undefined, to: null, reason: 'hospitalisation' }] },
      t,
    );
    expect(errors['absences.0.from']).toBe('Champ obligatoire');
    expect(errors['absences.0.to']).toBe('Champ obligatoire');
    const request = schemaErrors(TransferRequestBody, { fromPharmacyId: 1, quantity: 1, reason: 'x' }, t);
    expect(request.cip13).toBe('Champ obligatoire');
    // A value given but wrong keeps the schema's own words.
    const wrong = schemaErrors(
      ChangeRequestBody,
      {
        message: 'Retour',
        absences: [{ residentId: 1, from: '2026-02-30', to: '2026-12-08', reason: 'hospitalisation' }],
      },
      t,
    );
    expect(wrong['absences.0.from']).toBe('Date invalide : tapez jj/mm/aaaa');
  });

  it('When a field is empty, a text too short or too long, or a number not whole, Then the sentence says so', () => {
    const schema = z.object({
      name: z.string().min(3),
      code: z.string().max(1),
      count: z.number().int(),
      when: z.iso.date(),
      email: z.email(),
    });
    expect(schemaErrors(schema, { name: 'ab', code: 'xy', count: 1.5, when: '2028-02-30', email: 'x' }, t)).toEqual({
      name: 'Au moins 3 caractères',
      code: 'Au plus 1 caractère',
      count: 'Saisissez un nombre entier',
      when: 'Date invalide : tapez jj/mm/aaaa',
      email: 'Adresse e-mail invalide',
    });
    expect(schemaErrors(schema, {}, t).count).toBe('Champ obligatoire');
    expect(schemaErrors(schema, { count: 'douze' }, t).count).toBe('Saisissez un nombre');
  });

  it('When a schema message is a catalogue key, Then it is translated; an unknown validation key reads "Valeur invalide"', () => {
    const errors = schemaErrors(
      createUserBody,
      { email: 'a@b.fr', displayName: 'A', role: 'pharmacist', pharmacyId: null, careHomeId: null },
      t,
    );
    expect(errors.pharmacyId).toBe('Choisissez une officine');
    expect(
      schemaErrors(
        z.string().refine(() => false, 'validation.notYetInTheCatalogue'),
        'x',
        t,
      )[''],
    ).toBe('Valeur invalide');
  });

  it('When form fields differ from the body, Then an error on a body field is shown on its form field', () => {
    const validate = validateAsBody(
      ReceiptBody,
      t,
      (values: { euros: string }) => ({ unitCostCents: values.euros === '' ? undefined : -1 }),
      { unitCostCents: 'euros' },
    );
    expect(validate({ euros: '' }).euros).toBe('Champ obligatoire');
    expect(validate({ euros: '-0,01' }).euros).toBe('Au moins 0');
  });

  it('When the server refuses, Then its error lands on the field it is about, else on none', () => {
    const taken = new ApiError(409, 'users.email_taken', 'taken');
    expect(serverFieldErrors(taken, t, { 'users.email_taken': 'email' })).toEqual({
      email: 'Cette adresse e-mail est déjà utilisée.',
    });
    const invalid = new ApiError(400, 'validation.invalid_input', 'Invalid body', [
      { field: 'body.unitCostCents', code: 'too_small', message: 'Too small' },
      { field: 'body.lotNumber', code: 'custom', message: 'validation.lotControl' },
    ]);
    expect(serverFieldErrors(invalid, t, {}, { unitCostCents: 'unitCostEuros' })).toEqual({
      unitCostEuros: 'Valeur invalide',
      lotNumber: 'Le numéro de lot contient des caractères invalides',
    });
    expect(serverFieldErrors(new ApiError(409, 'transfers.invalid_state', 'x'), t)).toEqual({});
  });
});

describe('web data table: sorting', () => {
  const rows = [
    { name: 'Éric', lot: 'lot 10', n: 2 },
    { name: 'anne', lot: 'lot 9', n: 10 },
    { name: 'Bruno', lot: 'lot 9', n: 2 },
  ];

  it('When sorting text, Then French order ignores case and accents and reads numbers as numbers', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual(['anne', 'Bruno', 'Éric']);
    expect(sortRows(rows, (r) => r.lot, 'asc').map((r) => r.lot)).toEqual(['lot 9', 'lot 9', 'lot 10']);
  });

  it('When sorting numbers, Then by size, and equal rows keep their order either way', () => {
    expect(sortRows(rows, (r) => r.n, 'asc').map((r) => r.name)).toEqual(['Éric', 'Bruno', 'anne']);
    expect(sortRows(rows, (r) => r.n, 'desc').map((r) => r.name)).toEqual(['anne', 'Éric', 'Bruno']);
  });
});
