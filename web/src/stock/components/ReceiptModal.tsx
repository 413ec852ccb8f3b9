import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReceiptBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { useCalendarLabels } from '../../shared/calendar';
import { describeError } from '../../shared/errors';
import { receiveStock, refreshStock } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';
import { eurosToCents, parisToday } from '../stock.rules';

type Values = {
  cip13: string | null;
  lotNumber: string;
  expiryDate: string | null;
  quantity: number | string;
  unitCostEuros: number | string;
};

const toBody = (values: Values) => ({
  cip13: values.cip13 ?? undefined,
  lotNumber: values.lotNumber,
  expiryDate: values.expiryDate ?? undefined,
  quantity: numberOrUndefined(values.quantity),
  unitCostCents: eurosToCents(values.unitCostEuros),
});

function ReceiptForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const calendarLabels = useCalendarLabels();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { cip13: null, lotNumber: '', expiryDate: null, quantity: '', unitCostEuros: '' },
    validate: validateAsBody(ReceiptBody, t, toBody, { unitCostCents: 'unitCostEuros' }),
  });
  const save = useMutation({
    mutationFn: (values: Values) => receiveStock(ReceiptBody.parse(toBody(values))),
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      const moved = result.movements[0];
      notifications.show({
        color: 'teal',
        message: t('stock.receive.done', { quantity: moved?.quantity ?? 0, lotNumber: moved?.lotNumber ?? '' }),
      });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {save.error ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        <ProductSearch
          label={t('stock.field.product')}
          required
          data-autofocus
          value={form.values.cip13}
          onChange={(product) => form.setFieldValue('cip13', product?.cip13 ?? null)}
          error={form.errors.cip13}
        />
        <Group grow align="flex-start">
          <TextInput label={t('stock.field.lotNumber')} required maxLength={20} {...form.getInputProps('lotNumber')} />
          <DatePickerInput
            label={t('stock.field.expiryDate')}
            required
            valueFormat="DD/MM/YYYY"
            ariaLabels={calendarLabels}
            minDate={parisToday()}
            placeholder={t('stock.field.datePlaceholder')}
            {...form.getInputProps('expiryDate')}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('stock.field.quantity')}
            description={t('stock.field.quantityUnits')}
            required
            min={1}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('quantity')}
          />
          <NumberInput
            label={t('stock.field.unitCost')}
            description={t('stock.field.unitCostHint')}
            required
            min={0}
            decimalScale={2}
            decimalSeparator=","
            thousandSeparator=" "
            allowNegative={false}
            suffix=" €"
            {...form.getInputProps('unitCostEuros')}
          />
        </Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('stock.receive.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Boxes arriving from the wholesaler: a new lot, or more of a lot already on the shelf. */
export function ReceiptModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('stock.receive.title')}
      size="lg"
    >
      {opened ? <ReceiptForm onDone={onClose} /> : null}
    </Modal>
  );
}
