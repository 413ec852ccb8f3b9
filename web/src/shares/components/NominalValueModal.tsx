import { Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { NominalValueBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import { refreshShares, setNominalValue } from '../shares.api';
import { parisToday, parseAmountCents } from '../shares.rules';
import { OperationDateField, operationDateError } from './OperationDateField';

type Values = {
  validFrom: string | null;
  /** The value as typed, in euros (read as the ledger's amounts are: « 50 », « 52,50 »). */
  valueEuros: string;
};

function NominalValueForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: NominalValueBody,
    initialValues: { validFrom: parisToday(), valueEuros: '' } as Values,
    toBody: (v) => {
      const value = parseAmountCents(v.valueEuros);
      return { validFrom: v.validFrom ?? undefined, valueCents: 'value' in value ? value.value : undefined };
    },
    fieldOf: { valueCents: 'valueEuros' },
    check: (v, errors) => {
      const value = parseAmountCents(v.valueEuros);
      if ('error' in value) errors.valueEuros = t(value.error);
      const date = operationDateError(t, v.validFrom);
      if (date) errors.validFrom = date;
    },
    errorFields: {
      'shares.nominal_value_exists': 'validFrom',
      'shares.nominal_value_backdated': 'validFrom',
      'shares.period_closed': 'validFrom',
      'shares.date_too_far': 'validFrom',
    },
    submit: setNominalValue,
    onSuccess: async (value) => {
      await refreshShares(queryClient);
      notifySaved(
        t('shares.nominal.done', { value: formatMoney(value.valueCents), date: formatCalendarDate(value.validFrom) }),
      );
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.nominal.submit')} onCancel={onDone}>
      <Group grow align="flex-start">
        <OperationDateField label={t('shares.field.validFrom')} {...form.getInputProps('validFrom')} />
        <TextInput
          label={t('shares.nominal.value')}
          required
          inputMode="decimal"
          autoComplete="off"
          rightSection="€"
          {...form.getInputProps('valueEuros')}
          onBlur={() => form.validateField('valueEuros')}
        />
      </Group>
    </DialogForm>
  );
}

/**
 * A new nominal value per share from a date on (SPEC §8; `POST /api/shares/nominal-values`). The
 * server refuses a date before recorded operations (they keep the value of their day), in a closed
 * period, or one that already starts a value; each says so under the date.
 */
export function NominalValueModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('shares.nominal.title')} onClose={onClose}>
      {() => <NominalValueForm onDone={onClose} />}
    </TargetDialog>
  );
}
