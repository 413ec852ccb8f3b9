import { beforeEach, describe, expect, it } from 'vitest';
import { count } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// A patient created twice (same name, accents and case aside, same birth date) was accepted
// silently: two files, two eligibility counts, two reviews (found by QA).

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let pharmacist: Agent;

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test');
});

const create = (agent: Agent, body: Record<string, unknown>) => agent.post('/api/patients').send(body);

describe('creating a patient who already is one', () => {
  it('When the same name without accents and in capitals with the same birth date is sent, Then 409 patients.duplicate names the existing patient and nothing is written', async () => {
    const first = await create(pharmacist, {
      lastName: 'Lathière',
      firstName: 'Marie-Thérèse',
      birthDate: '1940-05-02',
    });
    expect(first.status).toBe(201);
    const before = count(t.db, 'patients');
    const again = await create(pharmacist, {
      lastName: 'LATHIERE',
      firstName: 'marie-therese',
      birthDate: '1940-05-02',
    });
    expect([again.status, again.body.error?.code]).toEqual([409, 'patients.duplicate']);
    expect(again.body.error.details).toEqual([
      { patientId: first.body.id, lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-02' },
    ]);
    expect(count(t.db, 'patients')).toBe(before);
  });

  it('When allowDuplicate confirms a namesake, or the birth date differs, Then the patient is created', async () => {
    await create(pharmacist, { lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-02' });
    const namesake = await create(pharmacist, {
      lastName: 'Lathière',
      firstName: 'Marie-Thérèse',
      birthDate: '1940-05-02',
      allowDuplicate: true,
    });
    expect(namesake.status).toBe(201);
    const other = await create(pharmacist, {
      lastName: 'Lathière',
      firstName: 'Marie-Thérèse',
      birthDate: '1941-05-02',
    });
    expect(other.status).toBe(201);
    expect(
      (await create(pharmacist, { lastName: 'X', firstName: 'Y', birthDate: null, allowDuplicate: 'yes' })).status,
    ).toBe(400);
  });

  it('When another pharmacy has the same person, Then it is not a duplicate (patients are per pharmacy)', async () => {
    await create(pharmacist, { lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-02' });
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const res = await create(bugeat, { lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-02' });
    expect(res.status).toBe(201);
  });

  it('When a community patient has the name and birth date of a resident already a patient, Then 409 too', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const resident = (await meymac.get('/api/patients?residents=only')).body.items[0] as {
      id: number;
      lastName: string;
      firstName: string;
      birthDate: string;
    };
    const res = await create(meymac, {
      lastName: resident.lastName.toUpperCase(),
      firstName: resident.firstName,
      birthDate: resident.birthDate,
    });
    expect([res.status, res.body.error?.code]).toEqual([409, 'patients.duplicate']);
    expect(res.body.error.details[0].patientId).toBe(resident.id);
  });
});
