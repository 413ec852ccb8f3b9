import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

type Period = { id: number; status: string; start: string; end: string };

describe('the shares demo, whatever the season', () => {
  // The treasurer's demo shows the report of its closed quarter with a surplus shared by holding
  // (the legal note on distributing a cooperative's surplus): on whichever day the demo starts,
  // not only when the closed quarter happens to be the one of the yearly regional grant.
  it.each([
    '2026-11-23T09:00:00Z', // Q3 closed: the grant's September
    '2027-01-15T09:00:00Z', // Q4 closed
    '2027-03-28T01:30:00Z', // Q4 closed, on the spring DST Sunday
    '2027-05-20T09:00:00Z', // Q1 closed
  ])('When the demo starts at %s, Then its closed quarter shares a surplus by holding', async (now) => {
    const t = await createTestApp({ now });
    const treasurer = await t.agentAs('tresorier@officoop.test');
    const periods = (await treasurer.get('/api/periods')).body.items as Period[];
    const closed = periods.filter((p) => p.status === 'closed');
    expect(closed).toHaveLength(1);
    const report = await treasurer.get(`/api/reports/shares?from=${closed[0]?.start}&to=${closed[0]?.end}`);
    expect(report.status).toBe(200);
    expect(report.body.totals.netCents).toBeGreaterThan(0);
    expect(report.body.legalNote).toEqual(expect.any(String));
  });
});
