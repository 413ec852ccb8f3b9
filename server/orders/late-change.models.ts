import { type OrderWeek, type ResidentWeek, summariseWeek, unitRoute, type WeekLine } from './orders.models';

/**
 * A closed order after a late change request's absences are accepted (SPEC §5): the order as it
 * stood (`stored`, computed before the cut-off) minus exactly what the new absences remove, and
 * nothing else. A prescription changed after the cut-off stays out of the order: the request did
 * not ask for it. `before` and `after` are the week computed from today's data without and with
 * the request's absences; their difference per resident day (pouches) and per resident and
 * product (quarters) is taken off `stored`. Units stay rounded up per resident and product.
 */
export function applyLateAbsences(
  stored: { week: string; residents: ResidentWeek[]; lines: WeekLine[] },
  before: OrderWeek,
  after: OrderWeek,
): OrderWeek {
  const newlyAbsent = new Map<number, Set<string>>();
  for (const resident of after.residents) {
    const was = before.residents.find((r) => r.residentId === resident.residentId);
    for (const day of resident.days) {
      const wasAbsent = was?.days.find((d) => d.date === day.date)?.absent ?? false;
      if (!day.absent || wasAbsent) continue;
      const days = newlyAbsent.get(resident.residentId) ?? new Set<string>();
      days.add(day.date);
      newlyAbsent.set(resident.residentId, days);
    }
  }
  const residents = stored.residents.map((resident) => {
    const away = newlyAbsent.get(resident.residentId);
    if (!away) return resident;
    const days = resident.days.map((day) =>
      away.has(day.date)
        ? {
            date: day.date,
            absent: true,
            pouchesByTime: Object.fromEntries(Object.keys(day.pouchesByTime).map((time) => [time, 0])),
          }
        : day,
    );
    const pouches = days.reduce((sum, d) => sum + Object.values(d.pouchesByTime).reduce((s, n) => s + n, 0), 0);
    return { ...resident, days, pouches };
  });
  const quartersOf = (week: OrderWeek, line: WeekLine) =>
    week.lines.find((l) => l.residentId === line.residentId && l.cip13 === line.cip13)?.quarters ?? 0;
  const lines: WeekLine[] = [];
  for (const line of stored.lines) {
    if (!newlyAbsent.has(line.residentId)) {
      lines.push(line);
      continue;
    }
    const removed = Math.max(0, quartersOf(before, line) - quartersOf(after, line));
    const quarters = Math.max(0, line.quarters - removed);
    if (quarters > 0) lines.push({ ...line, quarters, units: Math.ceil(quarters / 4) });
  }
  return summariseWeek(stored.week, residents, lines);
}

/**
 * A closed order (cut-off passed, not yet planned) after the robot's cassettes change (SPEC §6):
 * the same pouches and units, each pouch-eligible line routed again by `unitRoute` — the manual
 * tray when its doses are split, else `robot` when its product has a cassette (or no cassette
 * exists at all: `hasCassette` undefined), the manual tray otherwise.
 * Hors-PDA lines stay hors PDA; prescriptions changed after the cut-off stay out.
 */
export function rerouteStoredOrder(
  stored: { week: string; residents: ResidentWeek[]; lines: WeekLine[] },
  hasCassette: ((cip13: string) => boolean) | undefined,
): OrderWeek {
  const lines = stored.lines.map((line): WeekLine => {
    if (line.route === 'hors_pda') return line;
    return { ...line, route: unitRoute({ ...line, excluded: false, hasCassette }) };
  });
  return summariseWeek(stored.week, stored.residents, lines);
}
