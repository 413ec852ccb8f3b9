import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { listOrderLineRows, listOrderResidentRows } from '../orders/orders.repository';
import { linesForWeek, scheduleOf } from '../orders/residents.repository';
import { frenchCompare } from '../shared/collate';
import { isoWeekDays } from '../shared/dates';
import { listBatchOrders } from './batches.repository';
import type { LotAllocation, Shortage } from './production.models';
import { findRun, listAnomalies, listBatchAllocations, listVerifications } from './production.repository';
import { listRejections } from './production-rejections.repository';
import { labelShortages, planConsumption, productionBatch } from './production-views';
import { listCassettes } from './robot.repository';

export type SheetLot = { lotNumber: string; expiryDate: string; units: number };
/** One version of a prescription line in force during the order's week: doses in units per administration time. */
export type SheetPosology = {
  doses: { time: string; units: number }[];
  schedule: ReturnType<typeof scheduleOf>;
  /** The version's first and last days within the week (Paris calendar dates). */
  from: string;
  to: string;
};
export type SheetProduct = { slot: number | null; cip13: string; label: string; units: number; lots: SheetLot[] };

export type ProductionSheetData = {
  batchId: number;
  robotName: string;
  hostPharmacyName: string;
  pharmacyName: string;
  status: string;
  start: string;
  end: string;
  durationMinutes: number;
  breakdown: { setup: number; pouches: number; manual: number; cleaning: number };
  pouches: number;
  manualUnits: number;
  startedAt: string | null;
  completedAt: string | null;
  /** What the robot made, once completed (fewer than `pouches` only with an incident), and the incident's text. */
  pouchesProduced: number | null;
  incident: string | null;
  /** The runs a pharmacist rejected before this one, oldest first (`listRejections`). */
  rejections: ReturnType<typeof listRejections>;
  /** True once production recorded the lots; before, they are the FEFO plan on today's stock. */
  lotsRecorded: boolean;
  careHomes: {
    careHomeName: string;
    orderId: number;
    week: string;
    days: readonly string[];
    pouches: number;
    residents: { name: string; room: string; perDay: (number | null)[]; pouches: number }[];
  }[];
  cassettes: SheetProduct[];
  manualTray: SheetProduct[];
  horsPda: { careHomeName: string; name: string; room: string; label: string; units: number }[];
  /**
   * The manual tray per resident and product: who gets the split (or cassette-less) doses, at which
   * administration times and on which days, with the week's units — what the operator places by hand.
   */
  manualByResident: {
    careHomeName: string;
    name: string;
    room: string;
    label: string;
    units: number;
    posology: SheetPosology[];
  }[];
  shortages: (Shortage & { label: string })[];
  /** The pharmacist's sign-off once the batch is verified: printed in each care home's box. */
  verification?: { by: string | null; at: string; pouchesChecked: number; anomalies: number } | null;
};

const collator = { compare: frenchCompare };

type Line = { id: number; cip13: string; label: string; units: number; route: string };

/**
 * Products of one route with their units and lots (FEFO order), cassette slot first: what the
 * technician loads into each cassette or drops into the manual tray. A product may be on both
 * (a resident's split doses go to the tray, `unitRoute`): each side takes the lots of its own lines.
 */
export function sheetProducts(
  lines: Line[],
  allocations: LotAllocation[],
  slots: Map<string, number>,
  route: 'robot' | 'manual',
): SheetProduct[] {
  const byProduct = new Map<string, SheetProduct>();
  const lineIds = new Set<number>();
  for (const l of lines) {
    if (l.route !== route || l.units <= 0) continue;
    lineIds.add(l.id);
    const p = byProduct.get(l.cip13) ?? {
      slot: slots.get(l.cip13) ?? null,
      cip13: l.cip13,
      label: l.label,
      units: 0,
      lots: [],
    };
    p.units += l.units;
    byProduct.set(l.cip13, p);
  }
  for (const a of allocations) {
    const p = byProduct.get(a.cip13);
    if (!p || !lineIds.has(a.lineId)) continue;
    const lot = p.lots.find((x) => x.lotNumber === a.lotNumber);
    if (lot) lot.units += a.units;
    else p.lots.push({ lotNumber: a.lotNumber, expiryDate: a.expiryDate, units: a.units });
  }
  for (const p of byProduct.values()) p.lots.sort((a, b) => a.expiryDate.localeCompare(b.expiryDate));
  return [...byProduct.values()].sort(
    (a, b) =>
      (a.slot ?? Number.MAX_SAFE_INTEGER) - (b.slot ?? Number.MAX_SAFE_INTEGER) || collator.compare(a.label, b.label),
  );
}

const residentName = (r: { lastName: string; firstName: string }) =>
  `${r.lastName.toLocaleUpperCase('fr')} ${r.firstName}`;

/**
 * Everything the production sheet of a batch prints (SPEC §6): batch, robot and times; per care
 * home and resident the pouches per day; the cassettes to fill and the manual-tray products with
 * units and lots (recorded once produced, else the FEFO plan and any shortage); the hors-PDA
 * items. For staff of the host or of the orders' pharmacy (404 otherwise); the read is audited.
 */
export function loadProductionSheet({ ctx, id }: { ctx: Ctx; id: number }): ProductionSheetData {
  const { batch, robot } = productionBatch(ctx, id, 'robot_production.read');
  const recorded = batch.status === 'produced' || batch.status === 'verified';
  const plan = recorded ? null : planConsumption(ctx.db, batch.id, robot.hostPharmacyId);
  const allocations = recorded ? listBatchAllocations(ctx.db, batch.id) : (plan?.allocations ?? []);
  const orders = listBatchOrders(ctx.db, [batch.id]);
  const slots = new Map(listCassettes(ctx.db, robot.id, false).map((c) => [c.cip13, c.slot]));
  const lines: Line[] = [];
  const careHomes: ProductionSheetData['careHomes'] = [];
  const horsPda: ProductionSheetData['horsPda'] = [];
  const manualByResident: ProductionSheetData['manualByResident'] = [];
  for (const o of orders) {
    const residents = listOrderResidentRows(ctx.db, o.orderId);
    const names = new Map(residents.map((r) => [r.residentId, r]));
    const orderLines = listOrderLineRows(ctx.db, o.orderId);
    lines.push(...orderLines);
    careHomes.push({
      careHomeName: o.careHomeName,
      orderId: o.orderId,
      week: o.week,
      days: isoWeekDays(o.week),
      pouches: o.pouches,
      residents: residents
        .filter((r) => r.pouches > 0)
        .map((r) => ({
          name: residentName(r),
          room: r.room,
          perDay: r.days.map((d) => (d.absent ? null : Object.values(d.pouchesByTime).reduce((s, n) => s + n, 0))),
          pouches: r.pouches,
        }))
        .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.room, b.room)),
    });
    // One resident's line of this order, as the hors-PDA and manual-tray lists print it.
    const residentItem = (l: { residentId: number; label: string; units: number }) => {
      const r = names.get(l.residentId);
      return {
        careHomeName: o.careHomeName,
        name: r ? residentName(r) : '',
        room: r?.room ?? '',
        label: l.label,
        units: l.units,
      };
    };
    const manual = orderLines.filter((x) => x.route === 'manual' && x.units > 0);
    if (manual.length > 0) {
      const days = isoWeekDays(o.week);
      const [monday, sunday] = [days[0] as string, days[6] as string];
      // The line versions in force that week (a line replaced before it ever applied ends before it starts).
      const versions = linesForWeek(ctx.db, o.careHomeId, monday, sunday).filter(
        (v) => !v.asNeeded && (v.endDate === null || v.endDate >= v.startDate),
      );
      for (const l of manual) {
        manualByResident.push({
          ...residentItem(l),
          posology: versions
            .filter((v) => v.residentId === l.residentId && v.cip13 === l.cip13)
            .sort((a, b) => a.startDate.localeCompare(b.startDate))
            .map((v) => ({
              doses: Object.entries(v.doses)
                .filter(([, quarters]) => quarters > 0)
                .map(([time, quarters]) => ({ time, units: quarters / 4 })),
              schedule: scheduleOf(v),
              from: v.startDate > monday ? v.startDate : monday,
              to: v.endDate !== null && v.endDate < sunday ? v.endDate : sunday,
            })),
        });
      }
    }
    for (const l of orderLines.filter((x) => x.route === 'hors_pda' && x.units > 0)) horsPda.push(residentItem(l));
  }
  const run = findRun(ctx.db, batch.id);
  const verified = listVerifications(ctx.db, batch.id).find((v) => v.outcome === 'verified');
  recordAudit(ctx, { action: 'robot_batches.production_sheet', entity: 'robot_batch', entityId: batch.id });
  return {
    batchId: batch.id,
    robotName: robot.name,
    hostPharmacyName: robot.hostPharmacyName,
    pharmacyName: batch.pharmacyName,
    status: batch.status,
    start: batch.start,
    end: batch.end,
    durationMinutes: batch.durationMinutes,
    breakdown: {
      setup: batch.setupMinutes,
      pouches: batch.pouchMinutes,
      manual: batch.manualMinutes,
      cleaning: batch.cleaningMinutes,
    },
    pouches: batch.pouches,
    manualUnits: batch.manualUnits,
    startedAt: run?.startedAt ?? null,
    completedAt: run?.completedAt ?? null,
    pouchesProduced: run?.pouchesProduced ?? null,
    incident: run?.incident ?? null,
    rejections: listRejections(ctx.db, batch.id),
    lotsRecorded: recorded,
    careHomes: careHomes.sort((a, b) => collator.compare(a.careHomeName, b.careHomeName) || a.orderId - b.orderId),
    cassettes: sheetProducts(lines, allocations, slots, 'robot'),
    manualTray: sheetProducts(lines, allocations, slots, 'manual'),
    horsPda: horsPda.sort(
      (a, b) =>
        collator.compare(a.careHomeName, b.careHomeName) ||
        collator.compare(a.name, b.name) ||
        collator.compare(a.label, b.label),
    ),
    manualByResident: manualByResident.sort(
      (a, b) =>
        collator.compare(a.careHomeName, b.careHomeName) ||
        collator.compare(a.name, b.name) ||
        collator.compare(a.room, b.room) ||
        collator.compare(a.label, b.label),
    ),
    shortages: labelShortages(ctx.db, plan?.shortages ?? []),
    verification: verified
      ? {
          by: verified.checkedBy,
          at: verified.checkedAt,
          pouchesChecked: verified.pouchesChecked,
          anomalies: listAnomalies(ctx.db, batch.id).length,
        }
      : null,
  };
}
