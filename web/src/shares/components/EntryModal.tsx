import { Group, Select, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EntryBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../shared/api';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatMoney } from '../../shared/format';
import { LimitedTextInput } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { recordEntry, refreshShares, useCategories } from '../shares.api';
import { parisToday, parseAmountCents } from '../shares.rules';
import { OperationDateField, operationDateError } from './OperationDateField';

type Values = {
  date: string | null;
  categoryId: string | null;
  /** The amount as typed (a plain text field: nothing is reformatted while typing), read on blur and submit. */
  amountEuros: string;
  description: string;
  reference: string;
};

const amountOf = (typed: string) => {
  const amount = parseAmountCents(typed);
  return 'value' in amount ? amount.value : undefined;
};

function EntryForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const categories = useCategories();
  // One key for this opening of the form: a double click or a retry records one operation.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const dialog = useDialogForm({
    schema: EntryBody,
    initialValues: { date: parisToday(), categoryId: null, amountEuros: '', description: '', reference: '' } as Values,
    toBody: (v) => ({
      date: v.date ?? undefined,
      categoryId: v.categoryId ? Number(v.categoryId) : undefined,
      amountCents: amountOf(v.amountEuros),
      description: v.description,
      reference: v.reference.trim() ? v.reference : undefined,
    }),
    fieldOf: { amountCents: 'amountEuros' },
    // A typed amount that is not euros and cents says so in its own words, not the schema's.
    check: (v, errors) => {
      const amount = parseAmountCents(v.amountEuros);
      if ('error' in amount) errors.amountEuros = t(amount.error);
      const date = operationDateError(t, v.date);
      if (date) errors.date = date;
    },
    errorFields: {
      'shares.period_closed': 'date',
      'shares.date_too_far': 'date',
      'shares.no_allocation_weights': 'date',
      'shares.category_not_found': 'categoryId',
    },
    submit: (body) => recordEntry(body, idempotencyKey),
    onSuccess: async (entry) => {
      await refreshShares(queryClient);
      notifySaved(t('shares.entry.done', { number: entry.id, amount: formatMoney(entry.amountCents) }));
      onDone();
    },
  });
  const { form } = dialog;
  const group = (kind: 'cost' | 'revenue') => ({
    group: t(kind === 'cost' ? 'shares.kind.costs' : 'shares.kind.revenues'),
    items: (categories.data?.items ?? [])
      .filter((c) => c.kind === kind)
      .map((c) => ({ value: String(c.id), label: c.name })),
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.entry.submit')} onCancel={onDone}>
      <Group grow align="flex-start">
        <OperationDateField {...form.getInputProps('date')} />
        <TextInput
          label={t('shares.field.amount')}
          required
          inputMode="decimal"
          autoComplete="off"
          rightSection="€"
          {...form.getInputProps('amountEuros')}
          onBlur={() => form.validateField('amountEuros')}
        />
      </Group>
      <Select
        label={t('shares.field.category')}
        required
        searchable
        data={[group('cost'), group('revenue')]}
        {...form.getInputProps('categoryId')}
      />
      <LimitedTextInput
        label={t('shares.field.description')}
        required
        maxLength={200}
        {...form.getInputProps('description')}
      />
      <LimitedTextInput
        label={t('shares.field.reference')}
        description={t('shares.field.referenceHint')}
        maxLength={60}
        {...form.getInputProps('reference')}
      />
    </DialogForm>
  );
}

/** A cost or a revenue of the cooperative, in a category whose key will share it. */
export function EntryModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('shares.entry.title')} onClose={onClose} size="lg">
      {() => <EntryForm onDone={onClose} />}
    </TargetDialog>
  );
}
