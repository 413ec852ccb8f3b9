import { Text, Textarea, type TextareaProps } from '@mantine/core';
import type { ComponentPropsWithoutRef } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatCount } from './format';

/** From this share of the limit on, the count of characters shows under the field. */
const SHOW_FROM = 0.8;

type LimitedTextareaProps = TextareaProps &
  Omit<ComponentPropsWithoutRef<'textarea'>, keyof TextareaProps> & { maxLength: number };

/**
 * A text area with a limit its user can see: near the limit it counts the characters (« 1 850 / 2 000
 * caractères »), and at the limit it says that no more are kept. The browser cuts a longer paste at
 * `maxLength` without a word (found by a tester: a 5 000-character note saved as 2 000).
 */
export function LimitedTextarea({ maxLength, value, description, ...props }: LimitedTextareaProps) {
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
  return (
    <Textarea
      {...props}
      value={value}
      maxLength={maxLength}
      description={
        description || count ? (
          <>
            {description}
            {count}
          </>
        ) : undefined
      }
    />
  );
}
