import type { ComponentProps } from 'react';
import { latestOperationDay } from '../../../../server/shares/shares.models';
import { type Translate, useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { formatCalendarDate } from '../../shared/format';
import { daysFarAhead, daysFarBack, parisToday } from '../shares.rules';

/**
 * Why an operation date ('YYYY-MM-DD') cannot be recorded on the client's side, or null: more than
 * a year ahead (`latestOperationDay`), which the server refuses (422 `shares.date_too_far`), in the
 * server's words. Both dialogs check it before sending.
 */
export function operationDateError(t: Translate, date: string | null | undefined): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const latest = latestOperationDay(parisToday());
  return date > latest
    ? t('errors.shares.date_too_far', { date: formatCalendarDate(date), latest: formatCalendarDate(latest) })
    : null;
}

/**
 * The date of a ledger entry or a holding transaction ('YYYY-MM-DD' form value): more than a
 * month ahead or half a year back, a warning under the field asks to check the month and year
 * (`daysFarAhead`, `daysFarBack`); beyond a year ahead, the refusal shows at once, as an error
 * (`operationDateError`).
 */
export function OperationDateField({
  label,
  ...props
}: Omit<ComponentProps<typeof DateField>, 'label' | 'description'> & { label?: string }) {
  const { t } = useI18n();
  const tooFar = operationDateError(t, props.value);
  const farAhead = tooFar === null ? daysFarAhead(props.value, parisToday()) : null;
  const farBack = daysFarBack(props.value, parisToday());
  const warning =
    farAhead !== null
      ? t('shares.field.dateFarAhead', { days: farAhead })
      : farBack !== null
        ? t('shares.field.dateFarBack', { days: farBack })
        : undefined;
  return (
    <DateField
      label={label ?? t('shares.field.date')}
      required
      // A warning to look again, under the date (the field beside it stays level).
      description={warning}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      styles={{ description: { color: 'var(--mantine-color-orange-9)' } }}
      {...props}
      error={props.error || tooFar || undefined}
    />
  );
}
