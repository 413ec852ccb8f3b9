import { Alert, Badge, Button, Code, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { displayParam, formatCalendarDate } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { type ImportResult, importSnapshot, refreshStock } from '../stock.api';
import { decodeCsv, importMessage } from '../stock.rules';

type ImportError = ImportResult['errors'][number];
type ImportAdjustment = ImportResult['adjustments'][number];

function Preview({ result }: { result: ImportResult }) {
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
          {t('stockImport.errors.title', { count: result.errors.length })}
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
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('stockImport.adjustments.title', { count: result.adjustments.length })}
      </Title>
      <DataTable<ImportAdjustment>
        label={t('stockImport.adjustments.table')}
        rows={result.adjustments}
        rowKey={(a) => `${a.cip13}-${a.lotNumber}`}
        empty={t('stockImport.adjustments.none')}
        pageSize={100}
        columns={[
          { key: 'line', header: t('stockImport.col.line'), width: 90, cell: (a) => a.line ?? t('common.none') },
          { key: 'cip13', header: t('stock.col.product'), cell: (a) => a.cip13, td: () => ({ ff: 'monospace' }) },
          { key: 'lot', header: t('stock.col.lot'), cell: (a) => a.lotNumber, td: () => ({ ff: 'monospace' }) },
          { key: 'expiry', header: t('stock.col.expiry'), cell: (a) => formatCalendarDate(a.expiryDate) },
          {
            key: 'change',
            header: t('stockImport.col.change'),
            align: 'right',
            sortBy: (a) => a.to - a.from,
            cell: (a) => (
              <Group gap={6} justify="flex-end" wrap="nowrap">
                <Text size="sm">{t('stockImport.fromTo', { from: a.from, to: a.to })}</Text>
                <Badge size="sm" variant="light" color={a.to > a.from ? 'teal' : 'orange'}>
                  {a.to > a.from ? `+${a.to - a.from}` : a.to - a.from}
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
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (text: string) => importSnapshot(text, false) });
  const apply = useMutation({
    mutationFn: (text: string) => importSnapshot(text, true),
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      notifySaved(t('stockImport.applied', { count: result.adjustments.length }));
    },
  });

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setCsv(null);
    preview.reset();
    apply.reset();
    if (!chosen) return;
    const text = decodeCsv(await chosen.arrayBuffer());
    setCsv(text);
    preview.mutate(text);
  };

  const result = apply.data ?? preview.data;
  const canApply =
    csv !== null &&
    !apply.data &&
    preview.data &&
    preview.data.errors.length === 0 &&
    preview.data.adjustments.length > 0;

  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('stockImport.title')} subtitle={t('stockImport.subtitle')} />
      <Alert variant="light" color="blue" title={t('stockImport.format.title')}>
        <List size="sm" spacing={2}>
          <List.Item>{t('stockImport.format.columns')}</List.Item>
          <List.Item>{t('stockImport.format.dates')}</List.Item>
          <List.Item>
            {t('stockImport.format.example')}
            <Code block>{'CIP13;Lot;Péremption;Quantité;Prix\n3400935955838;AB123;31/12/2027;40;1,16'}</Code>
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
              {t('stockImport.applied', { count: apply.data.adjustments.length })}
            </Alert>
          ) : (
            <Text fw={500} aria-live="polite" data-testid="import-summary">
              {result.errors.length > 0
                ? t('stockImport.summary.errors', { rows: result.rows, errors: result.errors.length })
                : t('stockImport.summary.ok', { rows: result.rows, count: result.adjustments.length })}
            </Text>
          )}
          <Preview result={result} />
          {apply.data ? null : (
            <Group>
              <Button
                leftSection={<IconCheck size={18} />}
                disabled={!canApply}
                loading={apply.isPending}
                onClick={() => csv && apply.mutate(csv)}
              >
                {t('stockImport.apply')}
              </Button>
              {preview.data && preview.data.errors.length > 0 ? (
                <Text size="sm" c="dimmed">
                  {t('stockImport.fixFirst')}
                </Text>
              ) : null}
            </Group>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
