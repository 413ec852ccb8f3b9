import {
  ActionIcon,
  Group,
  Menu,
  Pagination,
  Stack,
  Table,
  type TableProps,
  type TableTdProps,
  type TableThProps,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type Icon, IconChevronDown, IconChevronUp, IconDots, IconSelector } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { QueryState } from './QueryState';
import { type SortDirection, sortRows } from './table-sort';

type DataAttributes = { [name: `data-${string}`]: string };

export type Column<Row> = {
  key: string;
  header: ReactNode;
  /** The header is read by screen readers only (an actions column). */
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  align?: 'left' | 'right';
  /** The value to sort by: the header becomes a sort button. */
  sortBy?: (row: Row) => string | number;
  /** Shown from this breakpoint up: 'md' hides the column on a 768 px tablet; 'sm' leaves it out of a phone's page. */
  visibleFrom?: 'sm' | 'md' | 'lg';
  /** Shown below this breakpoint only: a phone's one-column summary of the row (`'sm'`), left out of wider pages. */
  hiddenFrom?: 'sm';
  width?: number | string;
  /** Cell props per row (a colour, a weight, a test id). */
  td?: (row: Row) => TableTdProps & DataAttributes;
  /** Header cell props (a background, a title). */
  th?: TableThProps;
};

/** A row action: alone, an icon button named "<label> <row name>"; with others, an item of the row's menu. */
export type RowAction = {
  label: string;
  icon: Icon;
  onClick: () => void;
  color?: string;
  disabled?: boolean;
};

type DataTableProps<Row> = {
  /** The table's accessible name (usually the page or tab title). */
  label: string;
  columns: Column<Row>[];
  /** The rows, or undefined while they load (then `query` shows a loader or the error). */
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string | number;
  /** What an empty table says. */
  empty: ReactNode;
  query?: { error: unknown; isPending: boolean };
  /** The row's name in its actions' labels ("Actions pour Lot AB12"). */
  rowName?: (row: Row) => string;
  actions?: (row: Row) => RowAction[];
  /** Rows per page; all on one page when omitted. */
  pageSize?: number;
  initialSort?: { key: string; direction: SortDirection };
  /**
   * Sorted elsewhere (on the server): the headers show `sort` and report clicks to
   * `onSortChange`; the rows are shown in the order given.
   */
  sort?: { key: string; direction: SortDirection } | null;
  onSortChange?: (sort: { key: string; direction: SortDirection }) => void;
  /** Below this width the table scrolls sideways inside its box instead of squeezing. */
  minWidth?: number;
  /**
   * The same on a phone (below Mantine's sm), where the columns `visibleFrom: 'sm'` are gone:
   * a table that fits there does not scroll sideways. `minWidth` when omitted.
   */
  phoneMinWidth?: number;
  rowTestId?: (row: Row) => string;
  footer?: ReactNode;
  /** More Mantine table props (column borders, fixed layout, spacing). */
  tableProps?: TableProps;
};

function RowActions({ actions, name }: { actions: RowAction[]; name: string }) {
  const { t } = useI18n();
  if (actions.length === 0) return null;
  const only = actions.length === 1 ? actions[0] : undefined;
  if (only) {
    return (
      <ActionIcon
        variant="subtle"
        color={only.color ?? 'gray'}
        aria-label={`${only.label} ${name}`.trim()}
        disabled={only.disabled}
        onClick={only.onClick}
      >
        <only.icon size={18} />
      </ActionIcon>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('common.actionsFor', { name })}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => (
          <Menu.Item
            key={action.label}
            color={action.color}
            leftSection={<action.icon size={16} />}
            disabled={action.disabled}
            onClick={action.onClick}
          >
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function SortIcon({ direction }: { direction: SortDirection | null }) {
  const Glyph = direction === 'asc' ? IconChevronUp : direction === 'desc' ? IconChevronDown : IconSelector;
  return <Glyph size={14} aria-hidden />;
}

/**
 * The app's table: sortable columns, an empty state, pages, and row actions (an icon or a
 * menu). It scrolls sideways below `minWidth` and can hide secondary columns on a tablet, so
 * every page lists its rows the same way and a domain writes only its columns.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  query,
  rowName,
  actions,
  pageSize,
  initialSort,
  sort: sortedBy,
  onSortChange,
  minWidth = 640,
  phoneMinWidth,
  rowTestId,
  footer,
  tableProps,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [localSort, setSort] = useState(initialSort ?? null);
  // A new filter gives another number of rows: start again from the first page.
  const count = rows?.length ?? 0;
  const [paging, setPaging] = useState({ page: 1, count });
  const page = paging.count === count ? paging.page : 1;
  const setPage = (next: number) => setPaging({ page: next, count });

  if (!rows) return query ? <QueryState query={query} /> : null;

  const sort = onSortChange ? (sortedBy ?? null) : localSort;
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  const sorted = !onSortChange && sortColumn?.sortBy && sort ? sortRows(rows, sortColumn.sortBy, sort.direction) : rows;
  const pages = pageSize ? Math.max(1, Math.ceil(sorted.length / pageSize)) : 1;
  const current = Math.min(page, pages);
  const shown = pageSize ? sorted.slice((current - 1) * pageSize, current * pageSize) : sorted;
  const toggle = (key: string) => {
    const next = { key, direction: sort?.key === key && sort.direction === 'asc' ? 'desc' : 'asc' } as const;
    if (onSortChange) onSortChange(next);
    else setSort(next);
  };
  // A phone's one-column summary and the columns it stands for are never both in the page: the
  // hidden copy was still read by text search (a test's, a browser extension's) and doubled ids.
  const shownColumns = columns.filter((column) => (phone ? column.visibleFrom !== 'sm' : column.hiddenFrom !== 'sm'));
  const span = shownColumns.length + (actions ? 1 : 0);

  return (
    <Stack gap="sm">
      {query?.error ? <QueryState query={{ error: query.error, isPending: false }} /> : null}
      <Table.ScrollContainer minWidth={phone ? (phoneMinWidth ?? minWidth) : minWidth}>
        <Table striped withTableBorder aria-label={label} bg="white" {...tableProps}>
          <Table.Thead>
            <Table.Tr>
              {shownColumns.map((column) => {
                const direction = sort?.key === column.key ? sort.direction : null;
                return (
                  <Table.Th
                    key={column.key}
                    ta={column.align}
                    w={column.width}
                    visibleFrom={column.visibleFrom}
                    hiddenFrom={column.hiddenFrom}
                    {...column.th}
                    aria-sort={
                      column.sortBy
                        ? direction
                          ? direction === 'asc'
                            ? 'ascending'
                            : 'descending'
                          : 'none'
                        : undefined
                    }
                  >
                    {column.hideHeader ? (
                      <VisuallyHidden>{column.header}</VisuallyHidden>
                    ) : column.sortBy ? (
                      <UnstyledButton onClick={() => toggle(column.key)} fw={700} fz="sm">
                        <Group gap={4} wrap="nowrap" justify={column.align === 'right' ? 'flex-end' : undefined}>
                          {column.header}
                          <SortIcon direction={direction} />
                        </Group>
                      </UnstyledButton>
                    ) : (
                      column.header
                    )}
                  </Table.Th>
                );
              })}
              {actions ? (
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={span}>
                  <Text c="dimmed">{empty}</Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {shown.map((row) => (
              <Table.Tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
                {shownColumns.map((column) => (
                  <Table.Td
                    key={column.key}
                    ta={column.align}
                    visibleFrom={column.visibleFrom}
                    hiddenFrom={column.hiddenFrom}
                    {...column.td?.(row)}
                  >
                    {column.cell(row)}
                  </Table.Td>
                ))}
                {actions ? (
                  <Table.Td ta="right">
                    <RowActions actions={actions(row)} name={rowName?.(row) ?? ''} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
          {footer && rows.length > 0 ? (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={span}>{footer}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          ) : null}
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={current}
          onChange={setPage}
          getControlProps={(control) => ({
            'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
          })}
        />
      ) : null}
    </Stack>
  );
}
