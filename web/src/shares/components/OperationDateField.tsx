import type { ComponentProps } from 'react';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { daysFarAhead, parisToday } from '../shares.rules';

/**
 * The date of a ledger entry or a holding transaction ('YYYY-MM-DD' form value): more than a
 * month ahead, a warning under the field asks to check the month and year (`daysFarAhead`); the
 * server refuses beyond a year (`shares.date_too_far`).
 */
export function OperationDateField(props: Omit<ComponentProps<typeof DateField>, 'label' | 'description'>) {
  const { t } = useI18n();
  const farAhead = daysFarAhead(props.value, parisToday());
  return (
    <DateField
      label={t('shares.field.date')}
      required
      // A warning to look again, under the date (the field beside it stays level).
      description={farAhead === null ? undefined : t('shares.field.dateFarAhead', { days: farAhead })}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      styles={{ description: { color: 'var(--mantine-color-orange-9)' } }}
      {...props}
    />
  );
}
