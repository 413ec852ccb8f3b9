import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

/**
 * A number of units (whole, at least 1): labelled "Quantité" with "en unités" by default. Not
 * clamped to `max`: asking for more than there is gets the server's answer, which says how many are.
 */
export function QuantityInput({ label, description, min = 1, ...props }: NumberInputProps) {
  const { t } = useI18n();
  return (
    <NumberInput
      label={label ?? t('stock.field.quantity')}
      description={description === undefined ? t('stock.field.quantityUnits') : description}
      required
      min={min}
      clampBehavior="none"
      allowDecimal={false}
      allowNegative={false}
      {...props}
    />
  );
}
