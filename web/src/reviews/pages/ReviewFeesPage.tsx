import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { stepMeetsPatient } from '../../../../server/reviews/reviews.models';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { serverNow } from '../../shared/server-clock';
import { type FeeReport, feesCsvUrl, useFees } from '../reviews.api';
import { stepKey } from '../reviews.rules';

type Act = FeeReport['acts'][number];
type Line = FeeReport['lines'][number];

/** The acts the pharmacy billed for medication reviews in a year, per act code and step by step (JSON and CSV). */
export function ReviewFeesPage() {
  const { t } = useI18n();
  const thisYear = serverNow().getFullYear();
  const [year, setYear] = useState(thisYear);
  const fees = useFees(year);
  const years = [thisYear, thisYear - 1, thisYear - 2].map(String);
  const patient = (l: Line) => (
    <Anchor component={Link} to={`/reviews/${l.reviewId}`}>
      {l.patientName}
    </Anchor>
  );
  // The analysis is the pharmacist's own work: it has no modality (it read « à l’officine »).
  const mode = (l: Line) =>
    stepMeetsPatient(l.kind) ? t(l.remote ? 'reviewsUi.step.remote' : 'reviewsUi.step.inPerson') : '—';

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('reviewsUi.fees.title')}
        subtitle={t('reviewsUi.fees.subtitle')}
        actions={
          <Button component="a" href={feesCsvUrl(year)} variant="default" leftSection={<IconDownload size={18} />}>
            {t('reviewsUi.fees.csv')}
          </Button>
        }
      />
      <Group align="flex-end">
        <Select
          label={t('reviewsUi.fees.year')}
          data={years}
          value={String(year)}
          onChange={(value) => value && setYear(Number(value))}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, md: 3 }}>
          <Fact label={t('reviewsUi.fees.total')}>{fees.data ? formatMoney(fees.data.totalCents) : '…'}</Fact>
          <Fact label={t('reviewsUi.fees.count')}>{fees.data?.lines.length ?? '…'}</Fact>
          <Fact label={t('reviewsUi.fees.pharmacy')}>{fees.data?.pharmacyName ?? '…'}</Fact>
        </SimpleGrid>
      </Paper>
      <section aria-labelledby="acts-title">
        <Title order={2} size="h4" id="acts-title" mb="xs">
          {t('reviewsUi.fees.byAct')}
        </Title>
        <DataTable<Act>
          label={t('reviewsUi.fees.byAct')}
          rows={fees.data?.acts}
          query={fees}
          rowKey={(a) => a.actCode}
          empty={t('reviewsUi.fees.empty')}
          // Three short columns fit a phone: no sideways scroll hiding the counts and amounts.
          phoneMinWidth={0}
          columns={[
            { key: 'code', header: t('reviewsUi.fees.actCode'), cell: (a) => <code>{a.actCode}</code> },
            { key: 'count', header: t('reviewsUi.fees.count'), align: 'right', cell: (a) => a.count },
            {
              key: 'amount',
              header: t('reviewsUi.fees.amount'),
              align: 'right',
              cell: (a) => formatMoney(a.amountCents),
            },
          ]}
        />
      </section>
      <section aria-labelledby="lines-title">
        <Title order={2} size="h4" id="lines-title" mb="xs">
          {t('reviewsUi.fees.lines')}
        </Title>
        <DataTable<Line>
          label={t('reviewsUi.fees.lines')}
          rows={fees.data?.lines}
          rowKey={(l) => l.stepId}
          empty={t('reviewsUi.fees.empty')}
          pageSize={25}
          minWidth={620}
          // On a phone each act reads as one summary: its code and amount were off screen.
          phoneMinWidth={0}
          columns={[
            {
              key: 'summary',
              header: t('reviewsUi.fees.lines'),
              hiddenFrom: 'sm',
              cell: (l) => (
                <Stack gap={2}>
                  <Group justify="space-between" wrap="nowrap">
                    {patient(l)}
                    <Text size="sm" fw={500}>
                      {formatMoney(l.amountCents)}
                    </Text>
                  </Group>
                  <Text size="sm">{t(stepKey(l.kind, l.followUpYear))}</Text>
                  <Text size="xs" c="dimmed">
                    {formatCalendarDate(l.date)} · {mode(l)} · <code>{l.actCode}</code>
                  </Text>
                </Stack>
              ),
            },
            {
              key: 'date',
              header: t('reviewsUi.fees.date'),
              sortBy: (l) => l.date,
              visibleFrom: 'sm',
              cell: (l) => formatCalendarDate(l.date),
            },
            {
              key: 'patient',
              header: t('reviewsUi.col.patient'),
              sortBy: (l) => l.patientName,
              visibleFrom: 'sm',
              cell: patient,
            },
            {
              key: 'step',
              header: t('reviewsUi.col.step'),
              visibleFrom: 'md',
              cell: (l) => t(stepKey(l.kind, l.followUpYear)),
            },
            {
              key: 'mode',
              header: t('reviewsUi.step.mode'),
              visibleFrom: 'md',
              cell: mode,
            },
            {
              key: 'code',
              header: t('reviewsUi.fees.actCode'),
              visibleFrom: 'sm',
              cell: (l) => <code>{l.actCode}</code>,
            },
            {
              key: 'amount',
              header: t('reviewsUi.fees.amount'),
              align: 'right',
              visibleFrom: 'sm',
              cell: (l) => formatMoney(l.amountCents),
            },
          ]}
        />
        <Text size="xs" c="dimmed" mt="xs">
          {t('reviewsUi.fees.note')}
        </Text>
      </section>
    </Stack>
  );
}
