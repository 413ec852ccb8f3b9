import { type FormErrors, schemaResolver } from '@mantine/form';
import { type Translate, translateMessage } from '../i18n/i18n';

type Schema = Parameters<typeof schemaResolver>[0];

/**
 * Mantine form validation from a zod schema shared with the server, so the browser
 * refuses exactly what the API would, with messages in the UI language.
 */
export function validateWith(schema: Schema, t: Translate): (values: unknown) => FormErrors {
  const resolve = schemaResolver(schema, { sync: true });
  return (values) => {
    const errors = resolve(values);
    const translated: FormErrors = {};
    for (const [path, message] of Object.entries(errors)) {
      translated[path] = typeof message === 'string' ? translateMessage(t, message) : message;
    }
    return translated;
  };
}
