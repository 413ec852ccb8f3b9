import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/**
 * Whether a NumberInput value is something typed that is not a whole number: 2.5 (from "2,5" or
 * "2.5") or a half-typed "2,". An empty field ('') is not: it is missing, which the form's schema says.
 */
export function isNotWhole(value: NumberInputProps['value']): boolean {
  if (typeof value === 'number') return !Number.isInteger(value);
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A whole-number field (units, pouches, days…). The decimal separators are kept as typed ("2,5"
 * shows 2,5, never 25, which Mantine's `allowDecimal={false}` made of it by dropping the comma), and
 * such a value is shown in error at once with `wholeMessage` ("Saisissez un nombre entier" by default);
 * the form's schema (`z.number().int()`, with shared/forms `numberOrUndefined`) refuses to submit it.
 * Likewise a minus sign is kept as typed ("-3" never becomes 3): unless `allowNegative`, a negative
 * value is shown in error at once (« Au moins {min} », 0 without `min`), and the schema refuses it.
 */
export function WholeNumberInput({
  wholeMessage,
  error,
  allowNegative = false,
  ...props
}: NumberInputProps & { wholeMessage?: string }) {
  const { t } = useI18n();
  const negative = !allowNegative && typeof props.value === 'number' && props.value < 0;
  const minimum = typeof props.min === 'number' ? props.min : 0;
  return (
    <NumberInput
      clampBehavior="none"
      decimalSeparator=","
      allowedDecimalSeparators={[',', '.']}
      {...props}
      allowNegative
      allowDecimal
      error={
        isNotWhole(props.value)
          ? (wholeMessage ?? t('validation.integer'))
          : negative
            ? t('validation.atLeast', { minimum })
            : error
      }
    />
  );
}
