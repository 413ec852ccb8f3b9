import { Alert, Badge, Button, Code, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { displayParam, formatCalendarDate } from '../../shared/format';
import { type ImportResult, importSnapshot, refreshStock } from '../stock.api';
import { decodeCsv, importMessage } from '../stock.rules';

function Preview({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const reason = (error: ImportResult['errors'][number]) => {
    const known = importMessage(error);
    return known
      ? t(known.key, Object.fromEntries(Object.entries(known.params).map(([k, v]) => [k, displayParam(v)])))
      : error.reason;
  };
  const field = (name: string) => {
    const key = `stockImport.field.${name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  return (
    <Stack>
      {result.errors.length > 0 ? (
        <>
          <Title order={2} size="h4">
            {t('stockImport.errors.title', { count: result.errors.length })}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder aria-label={t('stockImport.errors.table')} bg="white">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>{t('stockImport.col.line')}</Table.Th>
                  <Table.Th w={140}>{t('stockImport.col.field')}</Table.Th>
                  <Table.Th>{t('stockImport.col.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((error) => (
                  <Table.Tr
                    key={`${error.line}-${error.field}-${error.reason}`}
                    data-testid={`import-error-${error.line}`}
                  >
                    <Table.Td>{error.line === 0 ? t('stockImport.wholeFile') : error.line}</Table.Td>
                    <Table.Td>{field(error.field)}</Table.Td>
                    <Table.Td>{reason(error)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      {result.errors.length === 0 ? (
        <>
          <Title order={2} size="h4">
            {t('stockImport.adjustments.title', { count: result.adjustments.length })}
          </Title>
          {result.adjustments.length === 0 ? (
            <Text c="dimmed">{t('stockImport.adjustments.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder aria-label={t('stockImport.adjustments.table')} bg="white">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('stockImport.col.line')}</Table.Th>
                    <Table.Th>{t('stock.col.product')}</Table.Th>
                    <Table.Th>{t('stock.col.lot')}</Table.Th>
                    <Table.Th>{t('stock.col.expiry')}</Table.Th>
                    <Table.Th ta="right">{t('stockImport.col.change')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.adjustments.map((a) => (
                    <Table.Tr key={`${a.cip13}-${a.lotNumber}`}>
                      <Table.Td>{a.line ?? t('common.none')}</Table.Td>
                      <Table.Td ff="monospace">{a.cip13}</Table.Td>
                      <Table.Td ff="monospace">{a.lotNumber}</Table.Td>
                      <Table.Td>{formatCalendarDate(a.expiryDate)}</Table.Td>
                      <Table.Td ta="right">
                        <Group gap={6} justify="flex-end" wrap="nowrap">
                          <Text size="sm">{t('stockImport.fromTo', { from: a.from, to: a.to })}</Text>
                          <Badge size="sm" variant="light" color={a.to > a.from ? 'teal' : 'orange'}>
                            {a.to > a.from ? `+${a.to - a.from}` : a.to - a.from}
                          </Badge>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      ) : null}
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
      notifications.show({
        color: 'teal',
        message: t('stockImport.applied', { count: result.adjustments.length }),
      });
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
      <div>
        <Title order={1} size="h2">
          {t('stockImport.title')}
        </Title>
        <Text c="dimmed">{t('stockImport.subtitle')}</Text>
      </div>
      <Alert variant="light" color="blue" title={t('stockImport.format.title')}>
        <List size="sm" spacing={2}>
          <List.Item>{t('stockImport.format.columns')}</List.Item>
          <List.Item>{t('stockImport.format.dates')}</List.Item>
          <List.Item>
            {t('stockImport.format.example')} <Code>3400930000007;AB123;31/12/2027;40;2,15</Code>
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
        value={file}
        onChange={(chosen) => void choose(chosen)}
        maw={520}
      />
      {preview.error ? (
        <Alert color="red" role="alert">
          {describeError(t, preview.error)}
        </Alert>
      ) : null}
      {apply.error ? (
        <Alert color="red" role="alert">
          {describeError(t, apply.error)}
        </Alert>
      ) : null}
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
