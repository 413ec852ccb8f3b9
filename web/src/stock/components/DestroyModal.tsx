import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DestructionBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { destroyStock, type Lot, refreshStock } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';
import { expiryState, parisToday } from '../stock.rules';

const REASONS = ['expired', 'damaged', 'recalled'] as const;
type Values = { quantity: number | string; reason: (typeof REASONS)[number] | null };

function DestroyForm({ lot, onDone }: { lot: Lot; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({
    lotId: lot.id,
    quantity: numberOrUndefined(values.quantity),
    reason: values.reason ?? undefined,
  });
  const expired = expiryState(parisToday(), lot.expiryDate) === 'expired';
  const form = useForm<Values>({
    mode: 'controlled',
    // An expired lot is usually destroyed whole.
    initialValues: expired ? { quantity: lot.available, reason: 'expired' } : { quantity: '', reason: null },
    validate: validateAsBody(DestructionBody, t, toBody),
  });
  const save = useMutation({
    mutationFn: (values: Values) => destroyStock(DestructionBody.parse(toBody(values))),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('stock.destroy.done', { lotNumber: lot.lotNumber }) });
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
        <Text>
          {t('stock.lotSummary', {
            product: lot.productLabel,
            lotNumber: lot.lotNumber,
            expiryDate: formatCalendarDate(lot.expiryDate),
            available: lot.available,
          })}
        </Text>
        <NumberInput
          label={t('stock.field.quantity')}
          description={t('stock.field.quantityUnits')}
          required
          data-autofocus
          min={1}
          max={lot.available}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quantity')}
        />
        <Radio.Group label={t('stock.field.destructionReason')} required {...form.getInputProps('reason')}>
          <Group mt="xs">
            {REASONS.map((reason) => (
              <Radio key={reason} value={reason} label={t(`stock.destructionReason.${reason}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={save.isPending}>
            {t('stock.destroy.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Units taken off the shelf for good: expired, damaged or recalled. */
export function DestroyModal({ lot, onClose }: { lot: Lot | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={lot !== null}
      onClose={onClose}
      title={t('stock.destroy.title')}
    >
      {lot ? <DestroyForm key={lot.id} lot={lot} onDone={onClose} /> : null}
    </Modal>
  );
}
