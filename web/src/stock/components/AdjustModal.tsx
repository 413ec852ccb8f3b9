import { Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdjustmentBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { adjustStock, type Lot, refreshStock } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

type Values = { delta: number | string; reason: string };

function AdjustForm({ lot, onDone }: { lot: Lot; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({ lotId: lot.id, delta: numberOrUndefined(values.delta), reason: values.reason });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { delta: '', reason: '' },
    validate: validateAsBody(AdjustmentBody, t, toBody),
  });
  const save = useMutation({
    mutationFn: (values: Values) => adjustStock(AdjustmentBody.parse(toBody(values))),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('stock.adjust.done', { lotNumber: lot.lotNumber }) });
      onDone();
    },
  });
  const delta = numberOrUndefined(form.values.delta);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {save.error ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        <Text>
          {t('stock.lotSummary', {
            product: lot.productLabel,
            lotNumber: lot.lotNumber,
            expiryDate: formatCalendarDate(lot.expiryDate),
            available: lot.available,
          })}
        </Text>
        <NumberInput
          label={t('stock.field.delta')}
          description={
            delta === undefined
              ? t('stock.adjust.deltaHint')
              : t('stock.adjust.newQuantity', { quantity: lot.quantity + delta })
          }
          required
          data-autofocus
          allowDecimal={false}
          {...form.getInputProps('delta')}
        />
        <TextInput
          label={t('stock.field.reason')}
          placeholder={t('stock.adjust.reasonPlaceholder')}
          required
          maxLength={200}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('stock.adjust.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A count that differs from the books (inventory, breakage found, box miscounted): reason required. */
export function AdjustModal({ lot, onClose }: { lot: Lot | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={lot !== null}
      onClose={onClose}
      title={t('stock.adjust.title')}
    >
      {lot ? <AdjustForm key={lot.id} lot={lot} onDone={onClose} /> : null}
    </Modal>
  );
}
