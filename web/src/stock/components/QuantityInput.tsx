import { useI18n } from '../../i18n/i18n';
import type { NumberFieldProps } from '../../shared/NumberField';
import { WholeNumberInput } from '../../shared/WholeNumberInput';

/**
 * A number of units (whole, at least 1): labelled "Quantité" with "en unités" by default. "2,5"
 * is shown in error ("Nombre entier d'unités") and not sent (shared/WholeNumberInput). Not clamped
 * to `max`: the form's own check or the server's answer says how many there are.
 */
export function QuantityInput({
  label,
  description,
  min = 1,
  required = true,
  wholeMessage,
  ...props
}: Omit<NumberFieldProps, 'decimals'>) {
  const { t } = useI18n();
  return (
    <WholeNumberInput
      label={label === undefined ? t('stock.field.quantity') : label}
      description={description === undefined ? t('stock.field.quantityUnits') : description}
      required={required}
      min={min}
      wholeMessage={wholeMessage ?? t('stock.field.wholeUnits')}
      {...props}
    />
  );
}
