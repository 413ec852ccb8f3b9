import { asc, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { alerts, pharmacies } from '../../db/schema';
import { withFlatRows } from '../../db/statements';
import { createTestDb } from '../helpers/test-db';

// withFlatRows maps the rows of a flat select itself (issue 16): the same objects as drizzle's own
// mapping, decoders included (flags, JSON, sql<…>.mapWith), nulls kept, on the app's own tables.
describe('flat selects mapped once (db/statements.ts)', () => {
  let db: Db;
  beforeAll(() => {
    db = createTestDb();
    const at = '2026-12-03T10:00:00.000Z';
    db.insert(pharmacies)
      .values([
        { slug: 'bugeat', name: 'Pharmacie de Bugeat', town: 'Bugeat', phone: '05 55 00 12 34', createdAt: at },
        { slug: 'felletin', name: 'Pharmacie de Felletin', town: 'Felletin', active: false, createdAt: at },
      ])
      .run();
    db.insert(alerts)
      .values({
        pharmacyId: 1,
        scopeKey: 'pharmacy:1',
        kind: 'expiry',
        entity: 'lot',
        entityId: '7',
        messageKey: 'alerts.expiry',
        params: { lot: 'A1', days: 30 },
        raisedOn: '2026-12-03',
        raisedBy: 'job',
        createdAt: at,
      })
      .run();
  });

  // drizzle's rows, then withFlatRows' own (it must have taken the query: its `all` is not drizzle's).
  const both = <T>(build: () => { all: () => T[] }) => {
    const query = build();
    const own = query.all;
    const flat = withFlatRows(query);
    expect(flat.all).not.toBe(own);
    return [build().all(), flat.all()];
  };

  it('When a select holds flags, nullable columns and sql<…> expressions, Then both mappings give the same rows', () => {
    const [drizzle, flat] = both(() =>
      db
        .select({
          id: pharmacies.id,
          name: pharmacies.name,
          phone: pharmacies.phone,
          active: pharmacies.active,
          upper: sql<string>`upper(${pharmacies.town})`,
          twice: sql<number>`${pharmacies.id} * 2`.mapWith(Number),
          flagged: sql<boolean>`${pharmacies.active}`.mapWith(pharmacies.active),
          named: sql<string>`${pharmacies.slug}`.as('named'),
        })
        .from(pharmacies)
        .orderBy(asc(pharmacies.id))
        .prepare(),
    );
    expect(flat).toEqual(drizzle);
    expect(flat).toEqual([
      expect.objectContaining({
        id: 1,
        phone: '05 55 00 12 34',
        active: true,
        upper: 'BUGEAT',
        twice: 2,
        flagged: true,
      }),
      expect.objectContaining({ id: 2, phone: null, active: false, named: 'felletin' }),
    ]);
  });

  it('When a select reads JSON columns, aggregates and a left join with no match, Then both mappings give the same rows', () => {
    const [drizzle, flat] = both(() =>
      db
        .select({ name: pharmacies.name, params: alerts.params, kind: alerts.kind })
        .from(pharmacies)
        .leftJoin(alerts, eq(alerts.pharmacyId, pharmacies.id))
        .orderBy(asc(pharmacies.id))
        .prepare(),
    );
    expect(flat).toEqual(drizzle);
    expect(flat).toEqual([
      { name: 'Pharmacie de Bugeat', params: { lot: 'A1', days: 30 }, kind: 'expiry' },
      { name: 'Pharmacie de Felletin', params: null, kind: null },
    ]);
    const [counted, countedFlat] = both(() => db.select({ n: count() }).from(pharmacies).prepare());
    expect(countedFlat).toEqual(counted);
    expect(countedFlat).toEqual([{ n: 2 }]);
  });

  it('When one row is read by a placeholder (get), Then both mappings give the same row, or nothing for no row', () => {
    const build = () =>
      db
        .select({ id: pharmacies.id, active: pharmacies.active, phone: pharmacies.phone, params: alerts.params })
        .from(pharmacies)
        .leftJoin(alerts, eq(alerts.pharmacyId, pharmacies.id))
        .where(eq(pharmacies.id, sql.placeholder('id')))
        .prepare();
    const query = build();
    const own = query.get;
    const flat = withFlatRows(query);
    expect(flat.get).not.toBe(own);
    for (const id of [1, 2, 3]) expect(flat.get({ id })).toEqual(build().get({ id }));
    expect(flat.get({ id: 1 })).toEqual({
      id: 1,
      active: true,
      phone: '05 55 00 12 34',
      params: { lot: 'A1', days: 30 },
    });
    expect(flat.get({ id: 2 })).toEqual({ id: 2, active: false, phone: null, params: null });
    expect(flat.get({ id: 3 })).toBeUndefined();
    // The same statement read many rows (all) and one (get) in turn.
    expect(flat.all({ id: 2 })).toEqual([{ id: 2, active: false, phone: null, params: null }]);
    expect(flat.get({ id: 1 })?.id).toBe(1);
  });

  it('When a select nests objects (a joined table as one field), Then drizzle keeps its own mapping', () => {
    const build = () =>
      db
        .select({ id: pharmacies.id, alert: { kind: alerts.kind } })
        .from(pharmacies)
        .leftJoin(alerts, eq(alerts.pharmacyId, pharmacies.id))
        .orderBy(asc(pharmacies.id))
        .prepare();
    const query = build();
    const own = query.all;
    expect(withFlatRows(query).all).toBe(own);
    expect(withFlatRows(build()).all()).toEqual([
      { id: 1, alert: { kind: 'expiry' } },
      { id: 2, alert: null },
    ]);
  });
});
