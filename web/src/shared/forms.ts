import { type FormErrors, schemaResolver } from '@mantine/form';
import type { MessageKey } from '../i18n/fr';
import { type Translate, translateMessage } from '../i18n/i18n';

type Schema = Parameters<typeof schemaResolver>[0];

/**
 * Mantine form validation from a zod schema shared with the server, so the browser
 * refuses exactly what the API would, with messages in the UI language.
 */
export function validateWith(
  schema: Schema,
  t: Translate,
  /** Catalogue key for a server schema's own (English) message, when it has one. */
  keyFor?: (message: string) => MessageKey | undefined,
): (values: unknown) => FormErrors {
  const resolve = schemaResolver(schema, { sync: true });
  return (values) => {
    const errors = resolve(values);
    const translated: FormErrors = {};
    for (const [path, message] of Object.entries(errors)) {
      if (typeof message !== 'string') translated[path] = message;
      else {
        const key = keyFor?.(message);
        translated[path] = key ? t(key) : translateMessage(t, message);
      }
    }
    return translated;
  };
}
