import { beforeEach, describe, expect, it } from 'vitest';
import { type Agent, reviewsTestApp, type TestApp } from '../helpers/reviews';
import { count } from '../helpers/stock';

// SPEC §7: a first year needs the patient eligible; a backdated start is checked on its own day,
// not today's. The test clock is 2026-11-23 (Paris).
let t: TestApp;
let pharmacist: Agent;
let P: string[];

beforeEach(async () => {
  ({ t, pharmacist, P } = await reviewsTestApp('peyrelevade'));
});

describe('eligibility on the day a review starts', () => {
  it('Given a 5th substance started on 2026-05-10 (eligible from 2026-11-10), When the review is backdated to 2026-10-01, Then 422 reviews.not_eligible naming that day with its reasons, and nothing is written', async () => {
    const created = await pharmacist
      .post('/api/patients')
      .send({ lastName: 'Lachaud', firstName: 'Marcelle', birthDate: '1950-03-02' });
    expect(created.status).toBe(201);
    const patientId = created.body.id as number;
    for (const [i, cip13] of P.entries()) {
      const startDate = i < 4 ? '2026-01-15' : '2026-05-10';
      expect((await pharmacist.post(`/api/patients/${patientId}/medications`).send({ cip13, startDate })).status).toBe(
        201,
      );
    }
    expect((await pharmacist.get(`/api/patients/${patientId}`)).body.eligibility.eligible).toBe(true);
    const before = count(t.db, 'reviews');

    const backdated = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' });
    expect([backdated.status, backdated.body.error?.code]).toEqual([422, 'reviews.not_eligible']);
    expect(backdated.body.error.message).toContain('2026-10-01');
    expect(backdated.body.error.message).not.toContain('today');
    expect(backdated.body.error.details).toContainEqual(
      expect.objectContaining({ code: 'substances', met: false, params: { count: 4, min: 5, months: 6 } }),
    );
    expect(count(t.db, 'reviews')).toBe(before);

    const onTheDay = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-10' });
    expect(onTheDay.status).toBe(201);
  });
});
