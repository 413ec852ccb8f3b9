import { Chip, Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { fractionToCheck, undividedDoseTimes } from '../../../../server/catalogue/catalogue.models';
import { PrescriptionBody, StopBody } from '../../../../server/orders/residents.schemas';
import { addCalendarDays } from '../../../../server/shared/dates';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { NumberField } from '../../shared/NumberField';
import { notifySaved } from '../../shared/notify';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import {
  createPrescription,
  type Prescription,
  refreshOrders,
  replacePrescription,
  stopPrescription,
} from '../orders.api';
import { parisDay as parisToday } from '../orders.rules';

type Kind = 'daily' | 'weekdays' | 'every_n_days';
type Values = {
  cip13: string | null;
  doses: Record<string, number | string>;
  kind: Kind;
  weekdays: string[];
  n: number | string;
  from: string | null;
  startDate: string | null;
  endDate: string | null;
  prescriber: string;
  asNeeded: boolean;
  /** A second regular line of a product the resident already takes, confirmed (server: 409 otherwise). */
  allowDuplicate: boolean;
};

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function toBody(v: Values) {
  const doses = Object.fromEntries(
    Object.entries(v.doses)
      .filter(([, units]) => units !== '' && units !== 0 && units !== null && units !== undefined)
      // Text the dose field could not read (« 0x2 », « 5e-1 ») is sent as not a number, which the
      // schema refuses (Number() read them as 2 and 0.5).
      .map(([name, units]) => [name, typeof units === 'number' ? units : Number.NaN]),
  );
  const schedule =
    v.kind === 'weekdays'
      ? { kind: v.kind, weekdays: v.weekdays.map(Number).sort() }
      : v.kind === 'every_n_days'
        ? { kind: v.kind, n: v.n === '' ? undefined : Number(v.n), from: v.from ?? undefined }
        : { kind: v.kind };
  return {
    cip13: v.cip13 ?? undefined,
    doses,
    schedule,
    startDate: v.startDate ?? undefined,
    endDate: v.endDate,
    prescriber: v.prescriber,
    asNeeded: v.asNeeded,
    allowDuplicate: v.allowDuplicate,
  };
}

const fieldOf = (path: string) =>
  path.startsWith('schedule.weekdays')
    ? 'weekdays'
    : path === 'schedule.n'
      ? 'n'
      : path === 'schedule.from'
        ? 'from'
        : path;

function initialValues(times: string[], line: Prescription | null): Values {
  const today = parisToday();
  const schedule = line?.schedule;
  return {
    cip13: line?.cip13 ?? null,
    doses: Object.fromEntries(times.map((time) => [time, line?.doses[time] ?? ''])),
    kind: schedule?.kind ?? 'daily',
    weekdays: schedule?.kind === 'weekdays' ? schedule.weekdays.map(String) : ['1', '2', '3', '4', '5'],
    n: schedule?.kind === 'every_n_days' ? schedule.n : 2,
    from: schedule?.kind === 'every_n_days' ? schedule.from : today,
    startDate: line ? (line.startDate > today ? line.startDate : today) : today,
    endDate: line?.endDate ?? null,
    prescriber: line?.prescriber ?? '',
    asNeeded: line?.asNeeded ?? false,
    allowDuplicate: false,
  };
}

function PrescriptionForm({
  residentId,
  times,
  line,
  onDone,
}: {
  residentId: number;
  times: string[];
  /** The line a change replaces, or null for a new line. */
  line: Prescription | null;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Set once the server said the resident already takes this product over these days.
  const [duplicate, setDuplicate] = useState(false);
  // The chosen product's BDPM form: half a capsule is said before sending, as the server would.
  const productForm = useRef(line?.productForm ?? null);
  const dialog = useDialogForm({
    schema: PrescriptionBody,
    initialValues: initialValues(times, line),
    toBody,
    fieldOf,
    errorFields: {
      'prescriptions.unknown_product': 'cip13',
      'prescriptions.end_before_start': 'endDate',
      'prescriptions.start_in_past': 'startDate',
      'prescriptions.start_before_birth': 'startDate',
      'prescriptions.start_after_death': 'startDate',
      'prescriptions.duplicate_product': 'cip13',
      'prescriptions.dose_not_divisible': 'doses',
    },
    check: (values, errors) => {
      const undivided = undividedDoseTimes(productForm.current, toBody(values).doses);
      if (undivided && !errors.doses)
        errors.doses = describeError(t, new ApiError(422, 'prescriptions.dose_not_divisible', '', [undivided]));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'prescriptions.duplicate_product') setDuplicate(true);
    },
    submit: (body) => (line ? replacePrescription(line.id, body) : createPrescription(residentId, body)),
    onSuccess: async () => {
      await refreshOrders(queryClient);
      notifySaved(line ? t('prescriptions.replaced') : t('prescriptions.added'));
      onDone();
    },
  });
  const { form } = dialog;
  const kind = form.values.kind;
  return (
    <DialogForm
      dialog={dialog}
      submitLabel={line ? t('prescriptions.replace') : t('prescriptions.add')}
      onCancel={onDone}
    >
      <ProductSearch
        label={t('prescriptions.field.product')}
        required
        value={form.values.cip13}
        onChange={(product) => {
          productForm.current = product?.form ?? null;
          form.setFieldValue('cip13', product?.cip13 ?? null);
        }}
        error={form.errors.cip13}
        data-autofocus={!line}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('prescriptions.field.doses')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('prescriptions.field.dosesHelp')}
        </Text>
        <Group gap="sm" align="flex-start">
          {times.map((time, index) => (
            <NumberField
              key={time}
              label={time}
              data-autofocus={line !== null && index === 0 ? true : undefined}
              w={110}
              min={0}
              // A dose is never changed behind the prescriber's back: 25 stays 25, -1 stays -1 and a
              // pasted "0.5" stays a half (never 5), and the shared schema refuses what is wrong in words.
              decimals={2}
              {...form.getInputProps(`doses.${time}`)}
            />
          ))}
        </Group>
        {form.errors.doses ? (
          <Text size="xs" c="red">
            {form.errors.doses}
          </Text>
        ) : fractionToCheck(productForm.current, toBody(form.values).doses) ? (
          // Allowed (many tablets are scored without the form saying so), but checked before it is sent.
          <Text size="xs" c="orange.9" data-testid="fraction-to-check">
            {t('prescriptions.fractionToCheck')}
          </Text>
        ) : null}
      </Stack>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('prescriptions.field.schedule')}
        </Text>
        <SegmentedControl
          value={kind}
          onChange={(value) => form.setFieldValue('kind', value as Kind)}
          data={(['daily', 'weekdays', 'every_n_days'] as const).map((k) => ({
            value: k,
            label: t(`prescriptions.schedule.${k}`),
          }))}
        />
        {kind === 'weekdays' ? (
          <>
            <Chip.Group
              multiple
              value={form.values.weekdays}
              onChange={(value) => form.setFieldValue('weekdays', value)}
            >
              <Group gap={6}>
                {WEEKDAYS.map((day, i) => (
                  <Chip key={day} value={String(i + 1)} size="sm">
                    {t(`orders.day.${day}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {form.errors.weekdays ? (
              <Text size="xs" c="red">
                {form.errors.weekdays}
              </Text>
            ) : null}
          </>
        ) : null}
        {kind === 'every_n_days' ? (
          <Group grow align="flex-start">
            <WholeNumberInput label={t('prescriptions.field.everyN')} min={2} max={366} {...form.getInputProps('n')} />
            <DateField label={t('prescriptions.field.from')} {...form.getInputProps('from')} />
          </Group>
        ) : null}
      </Stack>
      <Group grow align="flex-start">
        <DateField
          label={t('prescriptions.field.startDate')}
          required
          description={line ? t('prescriptions.field.startDateReplace') : undefined}
          {...form.getInputProps('startDate')}
        />
        <DateField label={t('prescriptions.field.endDate')} {...form.getInputProps('endDate')} />
      </Group>
      <TextInput label={t('prescriptions.field.prescriber')} required {...form.getInputProps('prescriber')} />
      <Switch
        label={t('prescriptions.field.asNeeded')}
        description={t('prescriptions.field.asNeededHelp')}
        {...form.getInputProps('asNeeded', { type: 'checkbox' })}
      />
      {duplicate ? (
        <Switch
          color="orange"
          label={t('prescriptions.field.allowDuplicate')}
          description={t('prescriptions.field.allowDuplicateHelp')}
          {...form.getInputProps('allowDuplicate', { type: 'checkbox' })}
        />
      ) : null}
    </DialogForm>
  );
}

/** Add a PDA line (`target.line` null) or change one (a new version replaces it from its start date). */
export function PrescriptionDialog({
  target,
  residentId,
  times,
  onClose,
}: {
  target: { line: Prescription | null } | null;
  residentId: number;
  times: string[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      size="xl"
      title={({ line }) =>
        line ? t('prescriptions.replace.title', { product: line.productLabel }) : t('prescriptions.add.title')
      }
      onClose={onClose}
    >
      {({ line }) => <PrescriptionForm residentId={residentId} times={times} line={line} onDone={onClose} />}
    </TargetDialog>
  );
}

function StopForm({ line, onDone }: { line: Prescription; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // A line not started yet is withdrawn by ending it the day before its start: it never applies.
  const today = parisToday();
  const notStarted = line.startDate > today;
  const dayBefore = addCalendarDays(line.startDate, -1);
  const dialog = useDialogForm({
    schema: StopBody,
    initialValues: { endDate: (notStarted ? dayBefore : today) as string | null },
    errorFields: {
      'prescriptions.end_before_start': 'endDate',
      'prescriptions.end_in_past': 'endDate',
    },
    submit: (body) => stopPrescription(line.id, body.endDate),
    onSuccess: async () => {
      await refreshOrders(queryClient);
      notifySaved(t('prescriptions.stopped'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('prescriptions.stop')} submitColor="red" onCancel={onDone}>
      <Text size="sm">
        {notStarted
          ? t('prescriptions.stop.explainPlanned', {
              product: line.productLabel,
              start: formatCalendarDate(line.startDate),
              dayBefore: formatCalendarDate(dayBefore),
            })
          : t('prescriptions.stop.explain', { product: line.productLabel, start: formatCalendarDate(line.startDate) })}
      </Text>
      <DateField
        label={t('prescriptions.field.lastDay')}
        required
        data-autofocus
        {...dialog.form.getInputProps('endDate')}
      />
    </DialogForm>
  );
}

/** Stop a line: its last day (from yesterday on; past days keep what was prepared). */
export function StopPrescriptionDialog({ line, onClose }: { line: Prescription | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={line} title={t('prescriptions.stop.title')} onClose={onClose}>
      {(target) => <StopForm line={target} onDone={onClose} />}
    </TargetDialog>
  );
}
