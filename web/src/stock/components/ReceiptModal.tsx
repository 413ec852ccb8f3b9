import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { unitCostOfBox } from '../../../../server/stock/stock.models';
import { ReceiptBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch, productField } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatUnitCost } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { NumberField } from '../../shared/NumberField';
import { notifySaved } from '../../shared/notify';
import { receiveStock, refreshStock } from '../stock.api';
import { eurosToMillicents, millicentsToCents } from '../stock.rules';
import { QuantityInput } from './QuantityInput';

type Values = {
  cip13: string | null;
  lotNumber: string;
  expiryDate: string | null;
  /** Units, or boxes when `inBoxes`. */
  quantity: number | string;
  /** A unit's cost, or a box's when `inBoxes`. */
  unitCostEuros: number | string;
  /** The chosen product's units per box (from its BDPM label), when known. */
  unitsPerBox: number | null;
  inBoxes: boolean;
};

/**
 * What the form sends: boxes counted as boxes × units per box, a box price as its unit cost
 * (`unitCostOfBox`, rounded once to the millicent, as snapshot imports read box prices).
 */
function receiptAmounts(values: Values): { quantity?: number; unitCostMillicents?: number } {
  const count = numberOrUndefined(values.quantity);
  const cost = eurosToMillicents(values.unitCostEuros);
  const perBox = values.inBoxes ? values.unitsPerBox : null;
  if (!perBox) return { quantity: count, unitCostMillicents: cost };
  return {
    quantity: count === undefined ? undefined : count * perBox,
    unitCostMillicents: cost === undefined ? undefined : unitCostOfBox(cost, perBox),
  };
}

function ReceiptForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ReceiptBody,
    initialValues: {
      cip13: null,
      lotNumber: '',
      expiryDate: null,
      quantity: '',
      unitCostEuros: '',
      unitsPerBox: null,
      inBoxes: false,
    } as Values,
    toBody: (values) => {
      const { quantity, unitCostMillicents } = receiptAmounts(values);
      return {
        cip13: values.cip13 ?? undefined,
        lotNumber: values.lotNumber,
        expiryDate: values.expiryDate ?? undefined,
        quantity,
        // A tablet may cost 0,043 €: the cost is sent as bought, with its rounding to the cent.
        unitCostCents: millicentsToCents(unitCostMillicents),
        unitCostMillicents,
      };
    },
    fieldOf: { unitCostCents: 'unitCostEuros', unitCostMillicents: 'unitCostEuros' },
    validateOnBlur: ['lotNumber'],
    errorFields: {
      'stock.expiry_in_past': 'expiryDate',
      'stock.lot_expiry_mismatch': 'expiryDate',
      'stock.unknown_product': 'cip13',
    },
    submit: receiveStock,
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      const moved = result.movements[0];
      const done = t('stock.receive.done', { quantity: moved?.quantity ?? 0, lotNumber: moved?.lotNumber ?? '' });
      // More of a lot held at another price: its unit cost is now the weighted average.
      const cost = result.unitCost;
      notifySaved(
        cost
          ? `${done} ${t('stock.receive.averaged', { before: formatUnitCost(cost.beforeMillicents), after: formatUnitCost(cost.afterMillicents) })}`
          : done,
      );
      onDone();
    },
  });
  const { form } = dialog;
  const { unitsPerBox, inBoxes } = form.values;
  const boxes = inBoxes && unitsPerBox !== null;
  const amounts = receiptAmounts(form.values);
  return (
    <DialogForm dialog={dialog} submitLabel={t('stock.receive.submit')} onCancel={onDone}>
      <ProductSearch
        label={t('stock.field.product')}
        required
        data-autofocus
        {...productField(form, (product) => {
          form.setFieldValue('unitsPerBox', product?.unitsPerBox ?? null);
          if (!product?.unitsPerBox) form.setFieldValue('inBoxes', false);
        })}
      />
      <Group grow align="flex-start">
        <TextInput label={t('stock.field.lotNumber')} required {...form.getInputProps('lotNumber')} />
        <DateField
          label={t('stock.field.expiryDate')}
          description={t('stock.field.expiryHint')}
          required
          mode="expiry"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('expiryDate')}
        />
      </Group>
      {/* The delivery note counts boxes: with the box size known, they are typed as boxes. */}
      {unitsPerBox !== null ? (
        <SegmentedControl
          aria-label={t('stock.receive.countIn')}
          value={inBoxes ? 'boxes' : 'units'}
          onChange={(value) => form.setFieldValue('inBoxes', value === 'boxes')}
          data={[
            { value: 'units', label: t('stock.receive.inUnits') },
            { value: 'boxes', label: t('stock.receive.inBoxes', { count: unitsPerBox }) },
          ]}
        />
      ) : null}
      <Group grow align="flex-start">
        <QuantityInput
          label={boxes ? t('stock.receive.boxes') : undefined}
          wholeMessage={boxes ? t('stock.receive.wholeBoxes') : undefined}
          description={
            boxes
              ? amounts.quantity !== undefined
                ? t('stock.receive.boxesUnits', { count: amounts.quantity })
                : t('stock.receive.boxesOf', { count: unitsPerBox })
              : undefined
          }
          {...form.getInputProps('quantity')}
        />
        <NumberField
          label={boxes ? t('stock.receive.boxPrice') : t('stock.field.unitCost')}
          description={
            boxes
              ? amounts.unitCostMillicents !== undefined
                ? t('stock.receive.boxPriceUnit', { cost: formatUnitCost(amounts.unitCostMillicents) })
                : t('stock.receive.boxPriceHint')
              : t('stock.field.unitCostHint')
          }
          required
          min={0}
          decimals={5}
          suffix="€"
          {...form.getInputProps('unitCostEuros')}
        />
      </Group>
    </DialogForm>
  );
}

/** Boxes arriving from the wholesaler: a new lot, or more of a lot already on the shelf. */
export function ReceiptModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('stock.receive.title')} onClose={onClose} size="lg">
      {() => <ReceiptForm onDone={onClose} />}
    </TargetDialog>
  );
}
