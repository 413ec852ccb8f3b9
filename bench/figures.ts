/**
 * What `npm run bench` measures. A domain adds its read endpoint to ENDPOINTS and its
 * pure functions to IN_PROCESS, one entry each; names are what `npm run bench -- NAME` selects.
 */

import { openDb } from '../db/client';
import { ean13CheckDigit, isValidCip13 } from '../server/catalogue/catalogue.models';
import { lotsOutOfBalance } from '../server/stock/stock.repository';
import { type EndpointBench, READ_ENDPOINT_TARGET } from './endpoints';
import { computeSyntheticWeek, syntheticOrderWeek } from './generators/orders';
import { syntheticProductionSheet } from './generators/production';
import { planSyntheticWeek, syntheticPlannerWeek } from './generators/robot';
import { syntheticSharesReport } from './generators/shares';
import type { InProcessBench } from './inprocess';

const READ_LATENCY = READ_ENDPOINT_TARGET.latency ?? [];

export const BASELINE: EndpointBench = { name: 'baseline', label: 'baseline express hello', path: '/hello' };

/** Issue 5: stock movements written by 50 concurrent clients keep every balance exact. */
const STOCK_WRITES: EndpointBench = {
  name: 'stock.writes',
  label: 'POST receipt + FEFO dispense (1 unit each)',
  path: '/api/stock/receipts',
  as: 'pharmacist',
  write: {
    requests: (facts) => [
      {
        path: '/api/stock/receipts',
        body: {
          cip13: facts.writeCip13,
          lotNumber: facts.writeLot,
          expiryDate: facts.writeExpiry,
          quantity: 1,
          unitCostCents: 100,
        },
      },
      { path: '/api/stock/dispenses', body: { cip13: facts.writeCip13, quantity: 1 } },
    ],
    verify: (dbPath, counted) => {
      const db = openDb(dbPath);
      try {
        const unbalanced = lotsOutOfBalance(db).length;
        const audited = (
          db.$client
            .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('stock.receive', 'stock.dispense')")
            .get() as { n: number }
        ).n;
        // Each accepted write leaves one audit row; the last requests of a run may be answered uncounted.
        const ok = unbalanced === 0 && audited >= counted.ok && audited <= counted.ok + counted.inFlight;
        return {
          ok,
          note: `${unbalanced} lots out of balance, ${audited} writes recorded for ${counted.ok} counted 2xx`,
        };
      } finally {
        db.$client.close();
      }
    },
  },
};

export const ENDPOINTS: EndpointBench[] = [
  { name: 'health', label: 'GET /api/health', path: '/api/health' },
  {
    name: 'products.search',
    label: 'GET /api/products?q=amlo',
    path: '/api/products?q=amlo',
    as: 'pharmacist',
    // §11 states search on the full BDPM file as p95 < 5 ms: the latency one user sees, at 1 connection.
    target: { latency: [{ percentile: 'p95', ms: 5, connections: 1 }] },
  },
  {
    name: 'pool.search',
    label: 'GET /api/pool?q=amlo',
    path: '/api/pool?q=amlo',
    as: 'pharmacist',
    // Issue 5 adds p95 < 10 ms at 5 pharmacies × 3 000 lots to the §11 read-endpoint target.
    target: { ...READ_ENDPOINT_TARGET, latency: [{ percentile: 'p95', ms: 10, connections: 1 }, ...READ_LATENCY] },
  },
  STOCK_WRITES,
  {
    name: 'robot.calendar',
    label: 'GET /api/robots/:id/calendar?week= (busiest week)',
    path: (facts) => `/api/robots/${facts.robotId}/calendar?week=${facts.robotWeek}`,
    as: 'pharmacist',
    target: READ_ENDPOINT_TARGET,
  },
  {
    name: 'orders.list',
    label: "GET /api/orders (the orders of a pharmacy's care homes)",
    path: '/api/orders',
    as: 'pharmacist',
    target: READ_ENDPOINT_TARGET,
  },
  {
    name: 'orders.detail',
    label: 'GET /api/orders/:id (80 residents, audited read)',
    path: (facts) => `/api/orders/${facts.orderId}`,
    as: 'pharmacist',
  },
  {
    name: 'recall.query',
    label: 'GET /api/recalls?cip13=&lot= (a lot in a year of pouches and a dépannage, audited)',
    path: (facts) => `/api/recalls?cip13=${facts.recallCip13}&lot=${facts.recallLot}`,
    as: 'pharmacist',
  },
  {
    name: 'shares.report',
    label: 'GET /api/reports/shares (last twelve months, JSON)',
    path: (facts) => `/api/reports/shares?from=${facts.sharesFrom}&to=${facts.sharesTo}`,
    as: 'treasurer',
    target: READ_ENDPOINT_TARGET,
  },
];

export const IN_PROCESS: InProcessBench[] = [
  {
    name: 'orders.week-120',
    label: "computeOrderWeek: one care home's week, 120 residents × 5–10 lines",
    prepare({ rng }) {
      const input = syntheticOrderWeek(rng, 120);
      return () => computeSyntheticWeek(input);
    },
  },
  {
    name: 'production.sheet-120',
    label: 'Production sheet PDF of a 120-resident batch (products, lots, pouches per day, boxes)',
    maxMs: 500,
    prepare({ rng }) {
      return syntheticProductionSheet(rng, 120);
    },
  },
  {
    name: 'robot.planner-1000',
    label: 'Auto-planner, 1 000 orders in one robot-week (most left out with reasons)',
    maxMs: 200,
    prepare({ rng }) {
      const week = syntheticPlannerWeek(rng);
      return () => planSyntheticWeek(week);
    },
  },
  {
    name: 'json.rows-5000',
    label: 'JSON.stringify of 5 000 pool rows',
    prepare({ rng }) {
      const rows = Array.from({ length: 5_000 }, (_, i) => ({
        pharmacyId: rng.int(1, 5),
        cip13: `34009${String(rng.int(0, 9_999_999)).padStart(7, '0')}${i % 10}`,
        label: `PRODUIT ${i} ${rng.int(1, 1000)} mg, comprimé`,
        lot: `L${rng.int(10_000, 99_999)}`,
        expiry: `2027-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        quantity: rng.int(0, 500),
        unitCostCents: rng.int(10, 50_000),
      }));
      return () => JSON.stringify(rows);
    },
  },
  {
    name: 'catalogue.cip13-100k',
    label: 'CIP13 validation of 100 000 codes',
    prepare({ rng }) {
      // One code in ten has a wrong check digit, as a mistyped import would.
      const codes = Array.from({ length: 100_000 }, (_, i) => {
        const first12 = `3400${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
        const check = ean13CheckDigit(first12);
        return `${first12}${i % 10 === 0 ? (check + 1) % 10 : check}`;
      });
      return () => {
        let valid = 0;
        for (const code of codes) if (isValidCip13(code)) valid++;
        if (valid !== 90_000) throw new Error(`expected 90 000 valid codes, got ${valid}`);
        return valid;
      };
    },
  },
  {
    name: 'shares.report-100k',
    label: 'Shares report, 100 000 ledger entries, 5 members (SQL read included, checked to the cent)',
    maxMs: 500,
    // The tiny scale (the smoke test) only checks the figure runs: 2 000 entries.
    prepare({ rng, scale }) {
      return syntheticSharesReport(rng, scale.name === 'tiny' ? 2_000 : 100_000);
    },
  },
];
