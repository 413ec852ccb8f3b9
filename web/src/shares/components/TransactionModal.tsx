import { Group, Select, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ShareTransactionBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { newIdempotencyKey } from '../../shared/api';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { LimitedTextInput } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { recordShareTransaction, refreshShares } from '../shares.api';
import { parisToday, parseShareCount } from '../shares.rules';
import { OperationDateField, operationDateError } from './OperationDateField';

type Values = {
  type: 'subscription' | 'transfer' | 'redemption';
  date: string | null;
  /** Shares as typed (a plain text field: never rounded or clamped), read on blur and submit. */
  shares: string;
  pharmacyId: string | null;
  toPharmacyId: string | null;
  note: string;
};

const sharesOf = (typed: string) => {
  const shares = parseShareCount(typed);
  return 'value' in shares ? shares.value : undefined;
};

function TransactionForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const pharmacies = usePharmacies();
  const options = (pharmacies.data ?? []).map((p) => ({ value: String(p.id), label: p.name }));
  // One key for this opening of the form: a double click or a retry records one operation.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const dialog = useDialogForm({
    schema: ShareTransactionBody,
    initialValues: {
      type: 'subscription',
      date: parisToday(),
      shares: '',
      pharmacyId: null,
      toPharmacyId: null,
      note: '',
    } as Values,
    toBody: (v) => ({
      type: v.type,
      date: v.date ?? undefined,
      shares: sharesOf(v.shares),
      pharmacyId: v.pharmacyId ? Number(v.pharmacyId) : undefined,
      toPharmacyId: v.type === 'transfer' && v.toPharmacyId ? Number(v.toPharmacyId) : undefined,
      note: v.note.trim() ? v.note : undefined,
    }),
    // "2,5", "0" or "-3" is refused in so many words, never read as 25, 1 or 3.
    check: (v, errors) => {
      const shares = parseShareCount(v.shares);
      if ('error' in shares) errors.shares = t(shares.error);
      const date = operationDateError(t, v.date);
      if (date) errors.date = date;
    },
    errorFields: {
      'shares.negative_holding': 'shares',
      'shares.period_closed': 'date',
      'shares.no_nominal_value': 'date',
      'shares.date_too_far': 'date',
    },
    submit: (body) => recordShareTransaction(body, idempotencyKey),
    onSuccess: async (tx) => {
      await refreshShares(queryClient);
      notifySaved(t('shares.transaction.done', { number: tx.id }));
      onDone();
    },
  });
  const { form } = dialog;
  const fromLabel = form.values.type === 'subscription' ? 'shares.field.subscriber' : 'shares.field.member';
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.transaction.submit')} onCancel={onDone}>
      <Select
        label={t('shares.field.type')}
        required
        allowDeselect={false}
        data={(['subscription', 'transfer', 'redemption'] as const).map((type) => ({
          value: type,
          label: t(`shares.type.${type}`),
        }))}
        {...form.getInputProps('type')}
      />
      <Group grow align="flex-start">
        <OperationDateField {...form.getInputProps('date')} />
        <TextInput
          label={t('shares.field.shares')}
          required
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('shares')}
          onBlur={() => form.validateField('shares')}
        />
      </Group>
      <Select
        label={t(form.values.type === 'transfer' ? 'shares.field.from' : fromLabel)}
        required
        data={options}
        searchable
        {...form.getInputProps('pharmacyId')}
      />
      {form.values.type === 'transfer' ? (
        <Select
          label={t('shares.field.to')}
          required
          data={options.filter((o) => o.value !== form.values.pharmacyId)}
          searchable
          {...form.getInputProps('toPharmacyId')}
        />
      ) : null}
      <LimitedTextInput label={t('shares.field.note')} maxLength={300} {...form.getInputProps('note')} />
    </DialogForm>
  );
}

/** A subscription, a transfer between members or a redemption, in whole shares (never an edit). */
export function TransactionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('shares.transaction.title')} onClose={onClose} size="lg">
      {() => <TransactionForm onDone={onClose} />}
    </TargetDialog>
  );
}
