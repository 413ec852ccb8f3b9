import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { numberText, parseNumberText } from './number-text';

const decimalsOf = (n: number) => {
  const [, fraction = ''] = String(n).split('.');
  return fraction.length;
};

export type NumberFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'min' | 'max'> & {
  value?: number | string;
  onChange?: (value: number | string) => void;
  /** Decimal places accepted: 0 for a whole number (units, pouches, days). */
  decimals?: number;
  /** The least value (shown in error below it at once); 0 when omitted and negatives are not allowed. */
  min?: number;
  /** Accepted and not enforced here: the form says how many there are (« 10 disponibles »). */
  max?: number;
  allowNegative?: boolean;
  /** The message for a value that is not a whole number (decimals 0): "Nombre entier d'unités". */
  wholeMessage?: string;
  /** A unit after the field ("€"). */
  suffix?: string;
};

/**
 * A number field that keeps what was typed or pasted, as typed: a plain text input (`inputMode`
 * numeric or decimal) whose value is parsed by `parseNumberText`. Mantine's NumberInput (through
 * react-number-format) silently dropped what it did not expect in a pasted or filled value:
 * "2.5" became 25 units, "0.5" tablet 5, "1e3" 13 and "-1 €" 1 € (a tester found all four).
 * Here such a value is shown in error at once — not a whole number, too many decimals, below `min` —
 * and the form refuses to send it; the form's own `error` shows otherwise.
 */
export function NumberField({
  value,
  onChange,
  decimals = 0,
  min,
  max: _max,
  allowNegative = false,
  wholeMessage,
  suffix,
  error,
  ...props
}: NumberFieldProps) {
  const { t } = useI18n();
  // The text as typed ("2," while typing "2,5"), kept while it means the form's value.
  const [text, setText] = useState(numberText(value));
  const shown = parseNumberText(text) === (value ?? '') ? text : numberText(value);
  const own = (() => {
    if (typeof value === 'string') {
      if (value.trim() === '') return null;
      return decimals === 0 ? (wholeMessage ?? t('validation.integer')) : t('validation.number');
    }
    if (typeof value !== 'number') return null;
    if (decimals === 0 && !Number.isInteger(value)) return wholeMessage ?? t('validation.integer');
    if (decimals > 0 && decimalsOf(value) > decimals) return t('validation.decimals', { maximum: decimals });
    // A minus sign is never dropped: "-3" stays -3, in error at once (0 < min is the schema's to say on sending).
    if (!allowNegative && value < 0) return t('validation.atLeast', { minimum: min ?? 0 });
    return null;
  })();
  return (
    <TextInput
      inputMode={decimals > 0 ? 'decimal' : 'numeric'}
      autoComplete="off"
      rightSection={suffix}
      {...props}
      value={shown}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onChange?.(parseNumberText(next));
      }}
      error={own ?? error}
    />
  );
}
