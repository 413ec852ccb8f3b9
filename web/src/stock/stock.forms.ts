import type { FormErrors } from '@mantine/form';
import type { Translate } from '../i18n/i18n';
import { validateWith } from '../shared/forms';

type Schema = Parameters<typeof validateWith>[0];

/** An empty number field ('' from a NumberInput) is a missing value, not a string. */
export function numberOrUndefined(value: number | string | null | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Form validation by a server schema when the form's fields are not the body's: the form
 * values are turned into the request body first (euros into cents, '' into nothing), and
 * errors on a body field are shown on the form field it came from.
 */
export function validateAsBody<Values>(
  schema: Schema,
  t: Translate,
  toBody: (values: Values) => unknown,
  fieldOf: Record<string, string> = {},
): (values: Values) => FormErrors {
  const validate = validateWith(schema, t);
  return (values) => {
    const errors = validate(toBody(values));
    const shown: FormErrors = {};
    for (const [path, message] of Object.entries(errors)) shown[fieldOf[path] ?? path] = message;
    return shown;
  };
}
