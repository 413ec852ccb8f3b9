import { Badge, Button, Group, Pagination, Select, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconListDetails, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { DayFilterField } from '../../shared/DateField';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { EntryModal } from '../components/EntryModal';
import { EntrySplitDrawer } from '../components/EntrySplitDrawer';
import { ReverseModal } from '../components/ReverseModal';
import { type Entry, type EntryFilters, LEDGER_PAGE_SIZE, useCategories, useEntries } from '../shares.api';
import { parisToday, quarterStart } from '../shares.rules';

/** The cooperative's ledger: entries by dates and category, each with its split; never edited, only reversed. */
export function LedgerPage() {
  const { t } = useI18n();
  const [filters, setFiltersState] = useState<EntryFilters>({ from: quarterStart(parisToday()) });
  const [page, setPage] = useState(1);
  // Other filters give other pages: start again from the first.
  const setFilters = (next: EntryFilters) => {
    setFiltersState(next);
    setPage(1);
  };
  const [adding, setAdding] = useState(false);
  const [splitOf, setSplitOf] = useState<number | null>(null);
  const [reversing, setReversing] = useState<Entry | null>(null);
  const categories = useCategories();
  // The server pages the entries (newest first) and sums every page: the footer is the whole filter's.
  const entries = useEntries(filters, page);
  const rows = entries.data?.items;
  const pages = entries.data ? Math.max(1, Math.ceil(entries.data.total / LEDGER_PAGE_SIZE)) : 1;

  const category = (e: Entry) => (
    <Group gap={6}>
      <Badge size="sm" variant="light" color={e.kind === 'cost' ? 'orange' : 'teal'}>
        {t(`shares.kind.${e.kind}`)}
      </Badge>
      <Text size="sm">{e.categoryName}</Text>
    </Group>
  );
  const columns: Column<Entry>[] = [
    // On a phone, one card per entry: date and amount, its category, its label (the number is in
    // the row's menu); from a tablet up, the columns.
    {
      key: 'summary',
      header: t('shares.col.entry'),
      hiddenFrom: 'sm',
      cell: (e) => (
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{formatCalendarDate(e.date)}</Text>
            <Text size="sm" fw={600} c={e.amountCents < 0 ? 'red' : undefined}>
              {formatMoney(e.amountCents)}
            </Text>
          </Group>
          {category(e)}
          <Text size="sm" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {e.description}
          </Text>
        </Stack>
      ),
    },
    { key: 'id', header: t('shares.col.number'), visibleFrom: 'sm', cell: (e) => e.id },
    { key: 'date', header: t('shares.col.date'), visibleFrom: 'sm', cell: (e) => formatCalendarDate(e.date) },
    { key: 'category', header: t('shares.col.category'), visibleFrom: 'sm', cell: category },
    {
      key: 'description',
      header: t('shares.col.description'),
      visibleFrom: 'md',
      cell: (e) => (
        // A long word (a pasted reference, a typo held down) wraps rather than push the amount off the screen.
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {e.description}
          {e.reversesEntryId ? (
            <Text span size="xs" c="dimmed">
              {` — ${t('shares.ledger.reversalOf', { number: e.reversesEntryId })}`}
            </Text>
          ) : null}
          {e.reversedByEntryId ? (
            <Text span size="xs" c="dimmed">
              {` — ${t('shares.ledger.reversedBy', { number: e.reversedByEntryId })}`}
            </Text>
          ) : null}
        </Text>
      ),
    },
    { key: 'reference', header: t('shares.col.reference'), visibleFrom: 'lg', cell: (e) => e.reference ?? '' },
    {
      key: 'amount',
      header: t('shares.col.amount'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (e) => formatMoney(e.amountCents),
      td: (e) => ({ c: e.amountCents < 0 ? 'red' : undefined }),
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('shares.ledger.title')}
        subtitle={t('shares.ledger.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            {t('shares.entry.new')}
          </Button>
        }
      />
      <Group align="flex-end" gap="sm">
        <DayFilterField
          label={t('shares.period.from')}
          day={filters.from}
          w={170}
          onDay={(from) => setFilters({ ...filters, from })}
        />
        <DayFilterField
          label={t('shares.period.to')}
          day={filters.to}
          w={170}
          onDay={(to) => setFilters({ ...filters, to })}
        />
        <Select
          label={t('shares.field.category')}
          placeholder={t('shares.ledger.allCategories')}
          clearable
          w={260}
          data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          value={filters.categoryId ? String(filters.categoryId) : null}
          onChange={(id) => setFilters({ ...filters, categoryId: id ? Number(id) : undefined })}
        />
      </Group>
      <DataTable
        label={t('shares.ledger.title')}
        columns={columns}
        rows={rows}
        query={entries}
        rowKey={(e) => e.id}
        rowName={(e) => `n° ${e.id}`}
        rowTestId={(e) => `entry-${e.id}`}
        empty={t('shares.ledger.empty')}
        minWidth={620}
        phoneMinWidth={0}
        actions={(e) => [
          { label: t('shares.ledger.showSplit'), icon: IconListDetails, onClick: () => setSplitOf(e.id) },
          ...(e.reversesEntryId === null && e.reversedByEntryId === null
            ? [
                {
                  label: t('shares.ledger.reverse'),
                  icon: IconArrowBackUp,
                  color: 'red',
                  onClick: () => setReversing(e),
                },
              ]
            : []),
        ]}
        footer={
          entries.data
            ? t('shares.ledger.footer', {
                count: entries.data.total,
                costs: formatMoney(entries.data.totals.costCents),
                revenues: formatMoney(entries.data.totals.revenueCents),
              })
            : undefined
        }
      />
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={setPage}
          getControlProps={(control) => ({
            'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
          })}
        />
      ) : null}
      <EntryModal opened={adding} onClose={() => setAdding(false)} />
      <EntrySplitDrawer entryId={splitOf} onClose={() => setSplitOf(null)} />
      <ReverseModal entry={reversing} onClose={() => setReversing(null)} />
    </Stack>
  );
}
