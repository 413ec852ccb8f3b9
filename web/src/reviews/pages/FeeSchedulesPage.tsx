import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FeeScheduleBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { parisToday, parseAmountCents } from '../../shares/shares.rules';
import { addFeeSchedule, type FeeSchedule, refreshReviews, useFeeSchedules } from '../reviews.api';
import { feeActName, feeScheduleState, sortFeeActs } from '../reviews.rules';

type Act = FeeSchedule['acts'][number];
type ActRow = Pick<Act, 'track' | 'kind' | 'ordinal'> & { actCode: string; amount: string };
type Values = { validFrom: string | null; label: string; acts: ActRow[] };

/** Cents as the amount field shows them: « 25 », « 0,01 », « 12,50 ». */
const amountText = (cents: number) =>
  cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

function ScheduleForm({ base, onDone }: { base: FeeSchedule; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: FeeScheduleBody,
    initialValues: {
      validFrom: null,
      label: '',
      // Every act of the schedule in force is kept (an act no longer paid stays, at 0 €).
      acts: sortFeeActs(base.acts).map((a) => ({ ...a, amount: amountText(a.amountCents) })),
    } as Values,
    toBody: (v) => ({
      validFrom: v.validFrom ?? undefined,
      label: v.label,
      acts: v.acts.map((a) => {
        const amount = parseAmountCents(a.amount);
        return {
          track: a.track,
          kind: a.kind,
          ordinal: a.ordinal,
          actCode: a.actCode,
          amountCents: 'value' in amount ? amount.value : undefined,
        };
      }),
    }),
    fieldOf: (path) => (path.endsWith('.amountCents') ? path.replace(/amountCents$/, 'amount') : undefined),
    check: (v, errors) => {
      v.acts.forEach((a, i) => {
        const amount = parseAmountCents(a.amount);
        if ('error' in amount)
          errors[`acts.${i}.amount`] =
            amount.error === 'shares.validation.amountNegative'
              ? t('reviewsUi.schedules.amountNegative')
              : t(amount.error);
      });
    },
    errorFields: { 'reviews.schedule_in_past': 'validFrom', 'reviews.schedule_exists': 'validFrom' },
    submit: addFeeSchedule,
    onSuccess: async (added) => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.schedules.added', { date: formatCalendarDate(added.validFrom) }));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.schedules.submit')} onCancel={onDone}>
      <Text size="sm">{t('reviewsUi.schedules.formHint', { label: base.label })}</Text>
      <Group grow align="flex-start">
        <DateField
          label={t('reviewsUi.schedules.validFrom')}
          description={t('reviewsUi.schedules.validFromHint')}
          required
          minDate={parisToday()}
          {...form.getInputProps('validFrom')}
        />
        <TextInput
          label={t('reviewsUi.schedules.label')}
          placeholder={t('reviewsUi.schedules.labelPlaceholder')}
          required
          maxLength={200}
          {...form.getInputProps('label')}
        />
      </Group>
      <Table withTableBorder verticalSpacing={4} aria-label={t('reviewsUi.schedules.acts')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reviewsUi.schedules.col.step')}</Table.Th>
            <Table.Th w={150}>{t('reviewsUi.schedules.col.actCode')}</Table.Th>
            <Table.Th w={120}>{t('reviewsUi.schedules.col.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {form.values.acts.map((a, i) => {
            const name = feeActName(t, a, form.values.acts);
            return (
              <Table.Tr key={`${a.track}:${a.kind}:${a.ordinal}`}>
                <Table.Td>
                  <Text size="sm">{name}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`reviews.track.${a.track}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('reviewsUi.schedules.actCodeOf', {
                      step: name,
                      track: t(`reviews.track.${a.track}`),
                    })}
                    size="xs"
                    autoComplete="off"
                    {...form.getInputProps(`acts.${i}.actCode`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('reviewsUi.schedules.amountOf', { step: name, track: t(`reviews.track.${a.track}`) })}
                    size="xs"
                    inputMode="decimal"
                    autoComplete="off"
                    rightSection="€"
                    {...form.getInputProps(`acts.${i}.amount`)}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </DialogForm>
  );
}

function ScheduleCard({ schedule, state }: { schedule: FeeSchedule; state: ReturnType<typeof feeScheduleState> }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={schedule.label}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4">
          {schedule.label}
        </Title>
        <Badge color={state.kind === 'inForce' ? 'green' : state.kind === 'upcoming' ? 'blue' : 'gray'} variant="light">
          {state.kind === 'inForce'
            ? t('reviewsUi.schedules.inForce', { from: formatCalendarDate(schedule.validFrom) })
            : state.kind === 'upcoming'
              ? t('reviewsUi.schedules.upcoming', { from: formatCalendarDate(schedule.validFrom) })
              : t('reviewsUi.schedules.past', {
                  from: formatCalendarDate(schedule.validFrom),
                  to: formatCalendarDate(state.until),
                })}
        </Badge>
      </Group>
      <DataTable
        label={t('reviewsUi.schedules.actsOf', { label: schedule.label })}
        rows={sortFeeActs(schedule.acts)}
        rowKey={(a) => `${a.track}:${a.kind}:${a.ordinal}`}
        empty=""
        phoneMinWidth={0}
        columns={[
          {
            key: 'step',
            header: t('reviewsUi.schedules.col.step'),
            cell: (a) => (
              <Stack gap={0}>
                <Text size="sm">{feeActName(t, a, schedule.acts)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`reviews.track.${a.track}`)}
                </Text>
              </Stack>
            ),
          },
          { key: 'code', header: t('reviewsUi.schedules.col.actCode'), cell: (a) => a.actCode },
          {
            key: 'amount',
            header: t('reviewsUi.schedules.col.amount'),
            align: 'right',
            cell: (a) => formatMoney(a.amountCents),
          },
        ]}
      />
    </Paper>
  );
}

/**
 * The dated fee schedules of the medication-review acts (issue #12: admin-editable): what each step
 * of each course bills, from which day. The coordinator (the page's only role) adds a schedule from
 * today or later, with every act of the latest one (acts already recorded keep their amounts).
 */
export function FeeSchedulesPage() {
  const { t } = useI18n();
  const schedules = useFeeSchedules();
  const [adding, setAdding] = useState(false);
  const items = schedules.data?.items ?? [];
  const today = parisToday();
  const newestFirst = [...items].reverse();
  // The new schedule starts from the latest one (in force or already planned).
  const base = items.at(-1);
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader
        title={t('reviewsUi.schedules.title')}
        subtitle={t('reviewsUi.schedules.subtitle')}
        actions={
          base ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              {t('reviewsUi.schedules.add')}
            </Button>
          ) : undefined
        }
      />
      <QueryState query={schedules} />
      {newestFirst.map((s) => (
        <ScheduleCard key={s.id} schedule={s} state={feeScheduleState(items, s, today)} />
      ))}
      <TargetDialog
        target={adding ? base : null}
        title={t('reviewsUi.schedules.add')}
        onClose={() => setAdding(false)}
        size="lg"
      >
        {(b) => <ScheduleForm base={b} onDone={() => setAdding(false)} />}
      </TargetDialog>
    </Stack>
  );
}
