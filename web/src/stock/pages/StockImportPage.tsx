import { Alert, Badge, Button, Code, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileTypeCsv, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { DataTable } from '../../shared/DataTable';
import { displayParam, formatCalendarDate, formatCount, formatUnitCost } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { type ImportResult, importSnapshot, refreshStock } from '../stock.api';
import { decodeCsv, importMessage } from '../stock.rules';

type ImportError = ImportResult['errors'][number];
type ImportWarning = ImportResult['warnings'][number];

/**
 * The page's examples name a real box of the demo catalogue (db/seed/demo-catalogue.data.ts):
 * DOLIPRANE 1000 mg, box of 8 tablets at 1,16 €, so 0,145 € a tablet. Shown at 14 px: at the
 * code font's default 12 px, the circumflex of "Boîtes" does not show and the header reads "Boites".
 */
export const EXAMPLE_UNITS = 'CIP13;Lot;Péremption;Quantité;Prix\n3400935955838;AB123;31/12/2027;40;0,145';
export const EXAMPLE_BOXES =
  'CIP13;Lot;Péremption;Boîtes;Unités par boîte;Prix boîte\n3400935955838;AB123;12/2027;5;8;1,16';
type ImportAdjustment = ImportResult['adjustments'][number];

/** Lines of price notes shown before "et N autres". */
const PRICE_NOTES_SHOWN = 10;

/**
 * The file's prices for lots already held, line by line: ignored (the units on the shelf keep
 * their cost as bought, named) or taken by a lot that had no cost.
 */
function PriceNotes({ warnings }: { warnings: ImportWarning[] }) {
  const { t } = useI18n();
  const notes = warnings.filter((w) => w.code === 'priceIgnored' || w.code === 'priceSet');
  if (notes.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconInfoCircle size={18} />}
      title={t('stockImport.prices.title')}
      data-testid="import-prices"
    >
      <Text size="sm" mb={4}>
        {t('stockImport.prices.hint')}
      </Text>
      <List size="sm" spacing={2}>
        {notes.slice(0, PRICE_NOTES_SHOWN).map((w) => (
          <List.Item key={w.line} data-testid={`import-price-${w.line}`}>
            {t(w.code === 'priceSet' ? 'stockImport.warning.priceSet' : 'stockImport.warning.priceIgnored', {
              line: w.line,
              lot: String(w.params.lot),
              cost: formatUnitCost(Number(w.params.cost)),
            })}
          </List.Item>
        ))}
      </List>
      {notes.length > PRICE_NOTES_SHOWN ? (
        <Text size="sm" mt={4}>
          {t('stockImport.prices.more', { count: notes.length - PRICE_NOTES_SHOWN })}
        </Text>
      ) : null}
    </Alert>
  );
}

/** The file's errors, or its adjustments: those it would make, or, once `applied`, those it made. */
function Preview({ result, applied }: { result: ImportResult; applied: boolean }) {
  const { t } = useI18n();
  const reason = (error: ImportError) => {
    const known = importMessage(error);
    return known
      ? t(known.key, Object.fromEntries(Object.entries(known.params).map(([k, v]) => [k, displayParam(v)])))
      : error.reason;
  };
  const field = (name: string) => {
    const key = `stockImport.field.${name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  if (result.errors.length > 0) {
    return (
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('stockImport.errors.title', { count: formatCount(result.errors.length) })}
        </Title>
        <DataTable<ImportError>
          label={t('stockImport.errors.table')}
          rows={result.errors}
          rowKey={(error) => `${error.line}-${error.field}-${error.reason}`}
          rowTestId={(error) => `import-error-${error.line}`}
          empty={null}
          minWidth={560}
          columns={[
            {
              key: 'line',
              header: t('stockImport.col.line'),
              width: 90,
              cell: (error) => (error.line === 0 ? t('stockImport.wholeFile') : error.line),
            },
            { key: 'field', header: t('stockImport.col.field'), width: 140, cell: (error) => field(error.field) },
            { key: 'reason', header: t('stockImport.col.reason'), cell: reason },
          ]}
        />
      </Stack>
    );
  }
  const unlisted = result.adjustments.filter((a) => a.unlisted).length;
  const expired = result.warnings.filter((w) => w.code === 'expired');
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t(applied ? 'stockImport.adjustments.titleApplied' : 'stockImport.adjustments.title', {
          count: formatCount(result.adjustments.length),
        })}
      </Title>
      {unlisted > 0 ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} data-testid="import-unlisted">
          {t(applied ? 'stockImport.unlistedApplied' : 'stockImport.unlisted', { count: unlisted })}
        </Alert>
      ) : null}
      {expired.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="import-expired">
          {t(applied ? 'stockImport.expiredApplied' : 'stockImport.expired', {
            count: expired.length,
            lines: expired.map((w) => w.line).join(', '),
          })}
        </Alert>
      ) : null}
      <PriceNotes warnings={result.warnings} />
      <DataTable<ImportAdjustment>
        label={t(applied ? 'stockImport.adjustments.tableApplied' : 'stockImport.adjustments.table')}
        rows={result.adjustments}
        rowKey={(a) => `${a.cip13}-${a.lotNumber}`}
        empty={t('stockImport.adjustments.none')}
        pageSize={100}
        columns={[
          {
            key: 'line',
            header: t('stockImport.col.line'),
            width: 90,
            cell: (a) => a.line ?? t('stockImport.notInFile'),
          },
          {
            key: 'product',
            header: t('stock.col.product'),
            sortBy: (a) => a.productLabel,
            cell: (a) => (
              <Stack gap={0}>
                <Text size="sm">{a.productLabel}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {a.cip13}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'lot',
            header: t('stock.col.lot'),
            cell: (a) => (
              <Stack gap={2} align="flex-start">
                <Text size="sm" ff="monospace">
                  {a.lotNumber}
                </Text>
                {a.unlisted ? (
                  <Badge size="sm" variant="light" color="orange">
                    {t('stockImport.unlistedBadge')}
                  </Badge>
                ) : null}
              </Stack>
            ),
          },
          {
            key: 'expiry',
            header: t('stock.col.expiry'),
            cell: (a) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{formatCalendarDate(a.expiryDate)}</Text>
                {a.expired ? (
                  <Badge size="sm" variant="light" color="red">
                    {t('stockImport.expiredBadge')}
                  </Badge>
                ) : null}
              </Group>
            ),
          },
          {
            key: 'change',
            header: t('stockImport.col.change'),
            align: 'right',
            sortBy: (a) => a.to - a.from,
            cell: (a) => (
              <Group gap={6} justify="flex-end" wrap="nowrap">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('stockImport.fromTo', { from: formatCount(a.from), to: formatCount(a.to) })}
                </Text>
                <Badge size="sm" variant="light" color={a.to > a.from ? 'teal' : 'orange'}>
                  {a.to > a.from ? `+${formatCount(a.to - a.from)}` : `−${formatCount(a.from - a.to)}`}
                </Badge>
              </Group>
            ),
          },
        ]}
      />
    </Stack>
  );
}

/**
 * A stock snapshot exported by the pharmacy's own software: sent first as a dry run, whose
 * preview lists row errors and the adjustments it would make; applied only on request.
 */
export function StockImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const appliedText = (done: ImportResult) => {
    const costs = done.warnings.filter((w) => w.code === 'priceSet').length;
    const text = t('stockImport.applied', { count: done.adjustments.length });
    return costs > 0 ? `${text} ${t('stockImport.appliedCosts', { count: costs })}` : text;
  };
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (text: string) => importSnapshot(text, false) });
  const apply = useMutation({
    mutationFn: (text: string) => importSnapshot(text, true),
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      notifySaved(appliedText(result));
    },
  });

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setConfirming(false);
    setCsv(null);
    preview.reset();
    apply.reset();
    if (!chosen) return;
    const text = decodeCsv(await chosen.arrayBuffer());
    setCsv(text);
    preview.mutate(text);
  };

  const [confirming, setConfirming] = useState(false);
  const result = apply.data ?? preview.data;
  const hasErrors = (preview.data?.errors.length ?? 0) > 0;
  // Nothing to change: no button, the preview says the stock already matches.
  const costsSet = preview.data?.warnings.filter((w) => w.code === 'priceSet').length ?? 0;
  const canApply =
    csv !== null && !apply.data && preview.data && !hasErrors && preview.data.adjustments.length + costsSet > 0;
  const toZero = preview.data?.adjustments.filter((a) => a.unlisted).length ?? 0;

  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('stockImport.title')} subtitle={t('stockImport.subtitle')} />
      <Alert variant="light" color="blue" role="note" title={t('stockImport.format.title')}>
        <List size="sm" spacing={2}>
          <List.Item>{t('stockImport.format.columns')}</List.Item>
          <List.Item>{t('stockImport.format.dates')}</List.Item>
          <List.Item>
            {t('stockImport.format.example')}
            <Code block fz="sm">
              {EXAMPLE_UNITS}
            </Code>
          </List.Item>
          <List.Item>{t('stockImport.format.boxes')}</List.Item>
          <List.Item>
            {t('stockImport.format.exampleBoxes')}
            <Code block fz="sm">
              {EXAMPLE_BOXES}
            </Code>
          </List.Item>
        </List>
      </Alert>
      <FileInput
        label={t('stockImport.file')}
        description={t('stockImport.fileHint')}
        placeholder={t('stockImport.filePlaceholder')}
        accept=".csv,text/csv,text/plain"
        leftSection={<IconFileTypeCsv size={18} />}
        clearable
        clearButtonProps={{ 'aria-label': t('stockImport.clearFile') }}
        value={file}
        onChange={(chosen) => void choose(chosen)}
        maw={520}
      />
      <QueryState query={{ error: preview.error ?? apply.error, isPending: false }} />
      {preview.isPending ? <Text c="dimmed">{t('stockImport.checking')}</Text> : null}
      {result ? (
        <Stack>
          {apply.data ? (
            <Alert color="teal" icon={<IconCheck size={18} />} title={t('stockImport.done.title')}>
              {appliedText(apply.data)}
            </Alert>
          ) : (
            <Text fw={500} aria-live="polite" data-testid="import-summary">
              {result.errors.length > 0
                ? t('stockImport.summary.errors', { rows: result.rows, errors: result.errors.length })
                : t('stockImport.summary.ok', { rows: result.rows, count: result.adjustments.length })}
              {costsSet > 0 && result.errors.length === 0
                ? ` ${t('stockImport.summary.costs', { count: costsSet })}`
                : null}
            </Text>
          )}
          {result.errors.length > 0 ? null : (
            <Text size="sm" c="dimmed" data-testid="import-unit">
              {t(result.quantityUnit === 'boxes' ? 'stockImport.unit.boxes' : 'stockImport.unit.units')}
            </Text>
          )}
          <Preview result={result} applied={apply.data !== undefined} />
          {apply.data ? null : (
            <Group>
              {canApply ? (
                <Button leftSection={<IconCheck size={18} />} onClick={() => setConfirming(true)}>
                  {t('stockImport.apply')}
                </Button>
              ) : null}
              {hasErrors ? (
                <Text size="sm" c="dimmed">
                  {t('stockImport.fixFirst')}
                </Text>
              ) : null}
            </Group>
          )}
          <ConfirmModal
            opened={confirming}
            title={t('stockImport.confirm.title')}
            message={t(toZero > 0 ? 'stockImport.confirm.bodyToZero' : 'stockImport.confirm.body', {
              count: preview.data?.adjustments.length ?? 0,
              zero: toZero,
            })}
            confirmLabel={t('stockImport.apply')}
            loading={apply.isPending}
            error={apply.error}
            onClose={() => setConfirming(false)}
            onConfirm={() => csv && apply.mutate(csv, { onSuccess: () => setConfirming(false) })}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
