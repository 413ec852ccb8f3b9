import { NumberField, type NumberFieldProps } from './NumberField';

/**
 * A whole-number field (units, pouches, days…): `NumberField` with no decimals. What is typed or
 * pasted is kept as typed ("2,5" and "2.5" stay 2,5, never 25; "-3" never becomes 3) and shown in
 * error at once with `wholeMessage` ("Saisissez un nombre entier" by default), or « Au moins {min} »
 * for a negative value unless `allowNegative`; the form's schema (`z.number().int()`, with
 * shared/forms `numberOrUndefined`) refuses to submit it.
 */
export function WholeNumberInput(props: Omit<NumberFieldProps, 'decimals'>) {
  return <NumberField {...props} decimals={0} />;
}
