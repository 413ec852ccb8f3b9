import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

// The patients list came in SQLite's NOCASE order: a name starting with an accented capital
// (Émery) came after Zola. The pharmacist looks a patient up in French alphabetical order.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let pharmacist: Agent;

beforeAll(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test');
  for (const [lastName, firstName] of [
    ['Zola', 'Émile'],
    ['Émery', 'Jeanne'],
    ['eymard', 'Luc'],
    ['Ebrard', 'Paul'],
    ['Émery', 'Albert'],
  ]) {
    const res = await pharmacist.post('/api/patients').send({ lastName, firstName, birthDate: '1941-03-04' });
    expect(res.status).toBe(201);
  }
});

describe('the patients list', () => {
  it('When names start with accented capitals, Then they sort with their letter (French order), then by first name', async () => {
    const res = await pharmacist.get('/api/patients?residents=none');
    expect(res.status).toBe(200);
    const ours = new Set(['Zola', 'Émery', 'eymard', 'Ebrard']);
    const names = res.body.items
      .filter((p: { lastName: string }) => ours.has(p.lastName))
      .map((p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`);
    expect(names).toEqual(['Ebrard Paul', 'Émery Albert', 'Émery Jeanne', 'eymard Luc', 'Zola Émile']);
  });
});
