import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate, formatCount } from '../../shared/format';
import type { OrderDetail } from '../orders.api';
import { absenceOn, dayPouches } from '../orders.rules';

export type Cell = { residentId: number; date: string };

/**
 * The resident column stays put while a phone scrolls the days sideways (sticky needs its own
 * opaque background, and sits above the day cells it covers).
 */
const STICKY: CSSProperties = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  boxShadow: 'inset -1px 0 0 var(--mantine-color-gray-3)',
};

/** The grid's box on a phone: a screen less the page's header and a margin above the box. */
const GRID_MAX_HEIGHT = 'max(320px, calc(100dvh - 160px))';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function cellStyle(state: { absent: boolean; selected: boolean; focused: boolean }): CSSProperties {
  return {
    display: 'block',
    width: '100%',
    minWidth: 44,
    padding: '6px 4px',
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    // Shift+click chooses a run of days: it must not also select the page's text.
    userSelect: 'none',
    fontWeight: state.selected ? 700 : 500,
    fontSize: state.absent ? 'var(--mantine-font-size-xs)' : 'var(--mantine-font-size-sm)',
    color: state.absent ? 'var(--mantine-color-gray-7)' : undefined,
    background: state.selected
      ? 'var(--mantine-color-orange-2)'
      : state.absent
        ? 'repeating-linear-gradient(135deg, var(--mantine-color-gray-1) 0 6px, var(--mantine-color-gray-2) 6px 12px)'
        : undefined,
    boxShadow: state.focused ? 'inset 0 0 0 2px var(--mantine-color-teal-6)' : undefined,
  };
}

/** Arrow keys, Home and End: the step they take in the grid (rows are residents, columns days). */
const MOVES: Record<string, (at: { row: number; day: number }, last: { row: number; day: number }) => typeof at> = {
  ArrowRight: (at) => ({ ...at, day: at.day + 1 }),
  ArrowLeft: (at) => ({ ...at, day: at.day - 1 }),
  ArrowDown: (at) => ({ ...at, row: at.row + 1 }),
  ArrowUp: (at) => ({ ...at, row: at.row - 1 }),
  Home: (at) => ({ ...at, day: 0 }),
  End: (at, last) => ({ ...at, day: last.day }),
};

/**
 * The order as a resident × day grid of pouch counts. Each cell is a button: it shows what is
 * behind it (the treatments of that day) and, while the order can still change, selects days of
 * one resident to mark absent. Absent days read "abs.". The grid is one stop of the Tab key
 * (a "roving" tab index, WAI-ARIA Authoring Practices' grid pattern): the arrow keys, Home and End
 * move between cells, Enter or Space chooses one, Escape lets go. Without it a keyboard crossed 336 cells to reach
 * the remarks below (found with a keyboard only). Shift with a click, or with an arrow, Home or End
 * along a resident's row, chooses every day from the last one chosen (`onCell`'s `extend`), as in
 * a list of files.
 */
export function OrderGrid({
  order,
  selected,
  focused,
  onCell,
  onEscape,
  coveredBelow,
}: {
  order: OrderDetail;
  /** Days selected for an absence (one resident). */
  selected: Cell[];
  /** The cell whose treatments are shown. */
  focused: Cell | null;
  /** A cell chosen; `extend` (Shift held) asks for the days between the last one chosen and it. */
  onCell: (cell: Cell, extend: boolean) => void;
  /** Escape pressed in the grid: lets go of the selected days, then of the day shown. */
  onEscape?: () => void;
  /**
   * How much of the window's bottom a sheet covers (a CSS length), if any: the grid's box then
   * fits the part of the window left free, and a tapped cell is scrolled into it.
   */
  coveredBelow?: string;
}) {
  const { t } = useI18n();
  const tableRef = useRef<HTMLTableElement>(null);
  // Why a day is away, as the cell's panel says it: the absence declared, else the resident's status.
  const absenceReason = (residentId: number, date: string) => {
    const absence = absenceOn(order.absences, residentId, date);
    return absence ? t(`orders.absence.reason.${absence.reason}`) : t('orders.grid.awayByStatus');
  };
  const boxRef = useRef<HTMLDivElement>(null);
  // A phone scrolls the days sideways, so the grid scrolls in its own box, under its day headings
  // (a box that scrolls sideways cannot keep them on top of the page's vertical scroll); a wider
  // screen shows every day, and the headings stick under the page's header.
  const inBox = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  useEffect(() => {
    if (!coveredBelow || !focused) return;
    const box = boxRef.current;
    const cell = tableRef.current?.querySelector<HTMLElement>('[data-focused]');
    if (!box || !cell) return;
    const headings = tableRef.current?.tHead?.offsetHeight ?? 0;
    if (inBox) {
      // The box (then as tall as the space the sheet leaves) first, up under the page's header.
      const pageHeader = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
      window.scrollBy({ top: box.getBoundingClientRect().top - pageHeader });
      cell.style.scrollMarginTop = `${headings}px`;
    } else {
      cell.style.scrollMarginTop = `calc(var(--app-shell-header-offset, 0rem) + ${headings}px)`;
    }
    // Then the cell, clear of the headings, of the names column and of the sheet.
    cell.style.scrollMarginLeft = `${cell.closest('tr')?.querySelector('th')?.offsetWidth ?? 0}px`;
    cell.style.scrollMarginBottom = `calc(${coveredBelow} + 8px)`;
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focused, coveredBelow, inBox]);
  // On a phone the last days and the total are past the box's right edge, and a phone draws no
  // scrollbar until the grid moves: a line says there is more to the right until it is reached.
  const [moreRight, setMoreRight] = useState(false);
  useEffect(() => {
    const box = boxRef.current;
    if (!inBox || !box) return setMoreRight(false);
    const check = () => setMoreRight(box.scrollLeft + box.clientWidth < box.scrollWidth - 4);
    check();
    box.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    return () => {
      box.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
    };
  }, [inBox]);
  const hintId = useId();
  // The one cell the Tab key reaches: the last one moved to or chosen.
  const [active, setActive] = useState({ row: 0, day: 0 });
  const last = { row: order.residents.length - 1, day: order.days.length - 1 };
  const at = { row: Math.min(active.row, Math.max(last.row, 0)), day: Math.min(active.day, Math.max(last.day, 0)) };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      return onEscape();
    }
    const move = MOVES[event.key];
    if (!move) return;
    const to = move(at, last);
    event.preventDefault();
    if (to.row < 0 || to.day < 0 || to.row > last.row || to.day > last.day) return;
    setActive(to);
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${to.row}-${to.day}"]`)?.focus();
    // Shift along a row carries the choice of days with it, from the day left (chosen first if it
    // was not); across rows it only moves.
    const resident = order.residents[to.row];
    const [fromDate, date] = [order.days[at.day], order.days[to.day]];
    if (!event.shiftKey || to.row !== at.row || !resident || !fromDate || !date) return;
    const { residentId } = resident;
    if (!isSelected(residentId, fromDate)) onCell({ residentId, date: fromDate }, false);
    onCell({ residentId, date }, true);
  };
  const isSelected = (residentId: number, date: string) =>
    selected.some((c) => c.residentId === residentId && c.date === date);
  const dayTotals = order.days.map((_, i) =>
    order.residents.reduce((sum, r) => sum + dayPouches(r.days[i] ?? { date: '', absent: true, pouchesByTime: {} }), 0),
  );
  return (
    <>
      {/* Hidden, not removed, at the end: the grid does not jump up mid-swipe. */}
      {inBox ? (
        <Text
          size="xs"
          c="dimmed"
          ta="right"
          data-testid="grid-more-right"
          aria-hidden={!moreRight}
          style={{ visibility: moreRight ? 'visible' : 'hidden' }}
        >
          {t('orders.grid.moreRight')}
        </Text>
      ) : null}
      <Table.ScrollContainer
        ref={boxRef}
        minWidth={520}
        type="native"
        maxHeight={
          !inBox
            ? undefined
            : coveredBelow
              ? `calc(100dvh - var(--app-shell-header-offset, 0rem) - ${coveredBelow} - 8px)`
              : GRID_MAX_HEIGHT
        }
        style={inBox ? undefined : { overflow: 'visible' }}
      >
        <Table
          stickyHeader
          stickyHeaderOffset={inBox ? 0 : 'var(--app-shell-header-offset, 0rem)'}
          ref={tableRef}
          withTableBorder
          withColumnBorders
          striped
          verticalSpacing={4}
          aria-label={t('orders.grid.label')}
          aria-describedby={hintId}
          onKeyDown={onKeyDown}
        >
          <VisuallyHidden component="caption" id={hintId}>
            {t('orders.grid.keys')}
          </VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" style={STICKY}>
                {t('orders.grid.resident')}
              </Table.Th>
              {order.days.map((date, i) => (
                <Table.Th key={date} scope="col" ta="center">
                  <div>{t(`orders.day.${WEEKDAYS[i] ?? 'mon'}`)}</div>
                  <Text span size="xs" c="dimmed" fw={400}>
                    {formatCalendarDate(date).slice(0, 5)}
                  </Text>
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                {t('orders.grid.total')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.residents.map((resident, row) => (
              <Table.Tr key={resident.residentId} data-testid={`resident-row-${resident.residentId}`}>
                <Table.Th
                  scope="row"
                  fw={500}
                  miw={{ base: 120, sm: 160 }}
                  maw={{ base: 140, sm: 'none' }}
                  style={STICKY}
                >
                  <Text size="sm" fw={500} lineClamp={2}>
                    {resident.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('orders.grid.room', { room: resident.room })}
                  </Text>
                </Table.Th>
                {resident.days.map((day, dayIndex) => {
                  const count = dayPouches(day);
                  const chosen = isSelected(resident.residentId, day.date);
                  const isFocused = focused?.residentId === resident.residentId && focused.date === day.date;
                  return (
                    <Table.Td key={day.date} p={0}>
                      <UnstyledButton
                        style={cellStyle({ absent: day.absent, selected: chosen, focused: isFocused })}
                        data-absent={day.absent || undefined}
                        data-selected={chosen || undefined}
                        data-focused={isFocused || undefined}
                        data-testid={`cell-${resident.residentId}-${day.date}`}
                        data-cell={`${row}-${dayIndex}`}
                        tabIndex={row === at.row && dayIndex === at.day ? 0 : -1}
                        aria-pressed={chosen}
                        aria-label={t(day.absent ? 'orders.grid.cellAbsent' : 'orders.grid.cell', {
                          name: resident.name,
                          date: formatCalendarDate(day.date),
                          count,
                          reason: day.absent ? absenceReason(resident.residentId, day.date) : '',
                        })}
                        onClick={(event) => {
                          setActive({ row, day: dayIndex });
                          onCell({ residentId: resident.residentId, date: day.date }, event.shiftKey);
                        }}
                      >
                        {day.absent ? t('orders.grid.absent') : count}
                      </UnstyledButton>
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right" fw={600} data-testid={`resident-total-${resident.residentId}`}>
                  {resident.pouches}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" style={STICKY}>
                {t('orders.grid.dayTotal')}
              </Table.Th>
              {dayTotals.map((n, i) => (
                <Table.Td key={order.days[i]} ta="center" fw={600}>
                  {n}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={700} data-testid="grid-total">
                {formatCount(order.totals.pouches)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
