import { Box, Group, Paper, ScrollArea, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { type DisplayLang, formatCalendarDate, formatTime, formatWeekday, parisParts } from '../../shared/format';
import { serverNow } from '../../shared/server-clock';
import type { Calendar, CalendarBatch } from '../robot.api';
import { blockPlacement, formatMinutes, gridHours, pharmacyColor, shownDays } from '../robot.rules';

const PX_PER_MINUTE = 0.8;
/** Line height of a closure's text (12 px type), and the lines its block holds (4 px padding each side). */
const CLOSURE_LINE_PX = 16;
const closureLines = (blockPx: number) => Math.max(1, Math.floor((blockPx - 8) / CLOSURE_LINE_PX));
/** « mar. 08/12 » (English "Tue 08/12"): a column's day. */
function dayName(d: { date: string }, lang: DisplayLang): string {
  return `${formatWeekday(d.date, lang, 'short')} ${formatCalendarDate(d.date).slice(0, 5)}`;
}

/**
 * The robot's week at a glance, in Paris time: a column per day with its working windows (green),
 * closures (hatched grey, with the reason) and batches coloured by pharmacy (pharmacy, care homes,
 * times). A CSS grid drawn here rather than a calendar library: the one Mantine scheduler pins
 * another Mantine version, and the others draw in the browser's zone, not Paris's.
 */
export function WeekCalendar({ calendar, onBatch }: { calendar: Calendar; onBatch?: (batch: CalendarBatch) => void }) {
  const { t, lang } = useI18n();
  const grid = gridHours([...calendar.windows, ...calendar.batches]);
  const now = parisParts(serverNow());
  const today = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
  const days = shownDays(calendar.days, calendar.windows, calendar.batches);
  const height = (grid.to - grid.from) * 60 * PX_PER_MINUTE;
  const hours = Array.from({ length: grid.to - grid.from + 1 }, (_, i) => grid.from + i);

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Box
        role="table"
        aria-label={t('robot.calendar.label', { week: weekLabel(t, calendar.week) })}
        style={{
          display: 'grid',
          gridTemplateColumns: `48px repeat(${days.length}, minmax(104px, 1fr))`,
          minWidth: 48 + days.length * 104,
        }}
      >
        {/* Rows with display: contents keep the CSS grid and give the ARIA table its rows (a table, not a
            grid: arrow keys do not move in it, each batch is a Tab stop). */}
        <Box role="row" style={{ display: 'contents' }}>
          <div aria-hidden />
          {days.map((d) => {
            const windows = calendar.windows.filter((w) => w.day === d.date);
            return (
              <Box key={d.date} ta="center" pb={4} role="columnheader">
                <Text fw={600} size="sm">
                  {dayName(d, lang)}
                </Text>
                {/* A day gone by or without a window has no free time to tell (not « libre : 0 min » in red). */}
                {d.date < today ? (
                  <Text size="xs" c="dimmed">
                    {t('robot.calendar.past')}
                  </Text>
                ) : windows.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('robot.calendar.dayClosed')}
                  </Text>
                ) : (
                  <Text size="xs" c={d.freeMinutes > 0 ? 'dimmed' : 'red'}>
                    {t('robot.calendar.free', { time: formatMinutes(d.freeMinutes) })}
                  </Text>
                )}
                {/* The green windows drawn below, said to a screen reader. */}
                <VisuallyHidden>
                  {windows.length > 0
                    ? t('robot.calendar.windows', {
                        times: windows.map((w) => `${formatTime(w.start)}–${formatTime(w.end)}`).join(', '),
                      })
                    : t('robot.calendar.noWindow')}
                </VisuallyHidden>
              </Box>
            );
          })}
        </Box>
        <Box role="row" style={{ display: 'contents' }}>
          <Box aria-hidden style={{ position: 'relative', height }}>
            {hours.map((h) => (
              <Text
                key={h}
                size="xs"
                c="dimmed"
                style={{ position: 'absolute', top: (h - grid.from) * 60 * PX_PER_MINUTE - 7, right: 6 }}
              >
                {String(h).padStart(2, '0')}:00
              </Text>
            ))}
          </Box>
          {days.map((d) => (
            <Box
              key={d.date}
              role="cell"
              data-day={d.date}
              style={{
                position: 'relative',
                height,
                borderLeft: '1px solid var(--mantine-color-gray-3)',
                backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-2) 0 1px, transparent 1px ${60 * PX_PER_MINUTE}px)`,
              }}
            >
              {calendar.windows
                .filter((w) => w.day === d.date)
                .map((w) => {
                  const at = blockPlacement(w, d.date, grid, PX_PER_MINUTE);
                  return at ? (
                    <Box
                      key={w.start}
                      aria-hidden
                      style={{
                        position: 'absolute',
                        left: 2,
                        right: 2,
                        ...at,
                        // Green 1 with a green 8 edge: the window is seen on white (the edge 5:1;
                        // green 0 with green 4 was 1.05:1 and 1.9:1).
                        background: 'var(--mantine-color-green-1)',
                        borderLeft: '3px solid var(--mantine-color-green-8)',
                      }}
                    />
                  ) : null;
                })}
              {calendar.closures.map((c) => {
                const at = blockPlacement(c, d.date, grid, PX_PER_MINUTE);
                return at ? (
                  <Tooltip key={c.id ?? `${c.kind}-${c.start}`} label={c.reason}>
                    <Box
                      data-testid="closure"
                      style={{
                        position: 'absolute',
                        left: 2,
                        right: 2,
                        ...at,
                        overflow: 'hidden',
                        background:
                          'repeating-linear-gradient(45deg, var(--mantine-color-gray-3) 0 6px, var(--mantine-color-gray-1) 6px 12px)',
                        padding: 4,
                      }}
                    >
                      {/* As many lines as the block holds, the last one ending in « … »; the tooltip has it whole. */}
                      <Text size="xs" fw={600} lh={CLOSURE_LINE_PX / 12} lineClamp={closureLines(at.height)}>
                        {t('robot.calendar.closed')} · {c.reason}
                      </Text>
                    </Box>
                  </Tooltip>
                ) : null;
              })}
              {calendar.batches.map((b) => {
                const at = blockPlacement(b, d.date, grid, PX_PER_MINUTE);
                if (!at) return null;
                const color = pharmacyColor(b.pharmacyId);
                // Past booking, the block says where production stands (the robot runs one batch at a time).
                // A booked batch whose slot went by unstarted: nobody makes its pouches unless told.
                const status = b.slotMissed
                  ? t('robot.status.slotMissed')
                  : b.status === 'booked'
                    ? null
                    : t(`robot.status.${b.status}` as 'robot.status.booked');
                // Tabbing from block to block, a screen reader hears the button only: it says the
                // day and, booked too, the status. Named by its (hidden) content, not aria-label: the
                // visible lines are a short form of it (WCAG 2.5.3, label in name), hidden from AT.
                const label = [
                  t('robot.calendar.batch', {
                    pharmacy: b.pharmacyName,
                    careHomes: b.careHomes.map((c) => c.name).join(', '),
                    day: dayName(d, lang),
                    start: formatTime(b.start),
                    end: formatTime(b.end),
                  }),
                  status ?? t('robot.status.booked'),
                ]
                  .filter(Boolean)
                  .join(' · ');
                return (
                  <UnstyledButton
                    key={b.id}
                    data-testid="batch"
                    data-pharmacy={b.pharmacyId}
                    data-slot-missed={b.slotMissed || undefined}
                    title={label}
                    onClick={() => onBatch?.(b)}
                    style={{
                      position: 'absolute',
                      left: 6,
                      right: 4,
                      ...at,
                      minHeight: 18,
                      overflow: 'hidden',
                      borderRadius: 4,
                      padding: '2px 4px',
                      color: 'white',
                      background: `var(--mantine-color-${color}-filled)`,
                      outline: b.mine ? '2px solid var(--mantine-color-dark-4)' : undefined,
                      opacity: b.status === 'cancelled' ? 0.4 : 1,
                    }}
                  >
                    <VisuallyHidden>{label}</VisuallyHidden>
                    <Text size="xs" fw={700} lh={1.2} c="white" aria-hidden>
                      {formatTime(b.start)}–{formatTime(b.end)} · {b.pharmacyName.replace('Pharmacie de ', '')}
                    </Text>
                    {status ? (
                      <Text size="xs" fw={700} lh={1.2} c="white" data-testid="batch-status" aria-hidden>
                        {status}
                      </Text>
                    ) : null}
                    <Text size="xs" lh={1.2} c="white" aria-hidden>
                      {b.careHomes.map((c) => c.name).join(', ')}
                    </Text>
                  </UnstyledButton>
                );
              })}
            </Box>
          ))}
        </Box>
      </Box>
    </ScrollArea>
  );
}

/** The colours of the week: one swatch per pharmacy present, windows and closures. */
export function CalendarLegend({ calendar }: { calendar: Calendar }) {
  const { t } = useI18n();
  const pharmacies = [...new Map(calendar.batches.map((b) => [b.pharmacyId, b.pharmacyName])).entries()];
  const swatch = (background: string) => (
    <Box w={14} h={14} style={{ background, borderRadius: 3, border: '1px solid var(--mantine-color-gray-4)' }} />
  );
  return (
    <Paper withBorder p="xs">
      <Group gap="md">
        <Group gap={6}>
          {swatch('var(--mantine-color-green-1)')}
          <Text size="sm">{t('robot.calendar.window')}</Text>
        </Group>
        <Group gap={6}>
          {swatch(
            'repeating-linear-gradient(45deg, var(--mantine-color-gray-3) 0 4px, var(--mantine-color-gray-1) 4px 8px)',
          )}
          <Text size="sm">{t('robot.calendar.closed')}</Text>
        </Group>
        {pharmacies.map(([id, name]) => (
          <Group gap={6} key={id}>
            {swatch(`var(--mantine-color-${pharmacyColor(id)}-filled)`)}
            <Text size="sm">{name}</Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}
