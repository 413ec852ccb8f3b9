import { Text, Textarea, type TextareaProps, TextInput, type TextInputProps } from '@mantine/core';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatCount } from './format';

/** From this share of the limit on, the count of characters shows under the field. */
const SHOW_FROM = 0.8;

/**
 * The field's description with, near the limit, the count of characters (« 1 850 / 2 000
 * caractères ») and, at the limit, that no more are kept. The browser cuts a longer paste at
 * `maxLength` without a word (found by testers: a 5 000-character note saved as 2 000, a
 * 370-character ledger label saved as 200).
 */
function useLimitNote(value: unknown, maxLength: number, description: ReactNode): ReactNode {
  const { t } = useI18n();
  const length = typeof value === 'string' ? value.length : 0;
  const count =
    length >= maxLength * SHOW_FROM ? (
      <Text
        component="span"
        size="xs"
        c={length >= maxLength ? 'orange.9' : 'dimmed'}
        display="block"
        data-testid="text-limit"
        aria-live="polite"
      >
        {t(length >= maxLength ? 'common.textLimit.reached' : 'common.textLimit.count', {
          length: formatCount(length),
          max: formatCount(maxLength),
        })}
      </Text>
    ) : null;
  return description || count ? (
    <>
      {description}
      {count}
    </>
  ) : undefined;
}

type LimitedTextareaProps = TextareaProps &
  Omit<ComponentPropsWithoutRef<'textarea'>, keyof TextareaProps> & { maxLength: number };

/** A text area with a limit its user can see (`useLimitNote`). */
export function LimitedTextarea({ maxLength, value, description, ...props }: LimitedTextareaProps) {
  const note = useLimitNote(value, maxLength, description);
  return <Textarea {...props} value={value} maxLength={maxLength} description={note} />;
}

type LimitedTextInputProps = TextInputProps &
  Omit<ComponentPropsWithoutRef<'input'>, keyof TextInputProps> & { maxLength: number };

/** A one-line text field with a limit its user can see (`useLimitNote`). */
export function LimitedTextInput({ maxLength, value, description, ...props }: LimitedTextInputProps) {
  const note = useLimitNote(value, maxLength, description);
  return <TextInput {...props} value={value} maxLength={maxLength} description={note} />;
}
