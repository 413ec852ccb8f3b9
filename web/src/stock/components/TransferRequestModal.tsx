import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TransferRequestBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { refreshStock, requestTransfer } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

/** What is asked for, and of whom: a product another pharmacy holds. */
export type TransferAsk = {
  cip13: string;
  productLabel: string;
  fromPharmacyId: number;
  fromPharmacyName: string;
  available: number;
  nearestExpiry: string | null;
};

type Values = { quantity: number | string; reason: string; urgency: 'normal' | 'urgent' };

function TransferRequestForm({ ask, onDone }: { ask: TransferAsk; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({
    fromPharmacyId: ask.fromPharmacyId,
    cip13: ask.cip13,
    quantity: numberOrUndefined(values.quantity),
    reason: values.reason,
    urgency: values.urgency,
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { quantity: '', reason: '', urgency: 'normal' },
    validate: validateAsBody(TransferRequestBody, t, toBody),
  });
  const save = useMutation({
    mutationFn: (values: Values) => requestTransfer(TransferRequestBody.parse(toBody(values))),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('pool.request.done', { pharmacy: ask.fromPharmacyName }) });
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
        <div>
          <Text fw={600}>{ask.productLabel}</Text>
          <Text size="sm" c="dimmed">
            {ask.nearestExpiry
              ? t('pool.request.availability', {
                  available: ask.available,
                  expiry: formatCalendarDate(ask.nearestExpiry),
                })
              : t('pool.request.availabilityNoExpiry', { available: ask.available })}
          </Text>
        </div>
        <NumberInput
          label={t('stock.field.quantity')}
          description={t('stock.field.quantityUnits')}
          required
          data-autofocus
          min={1}
          max={ask.available}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quantity')}
        />
        <Textarea
          label={t('pool.request.reason')}
          description={t('pool.request.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={300}
          {...form.getInputProps('reason')}
        />
        <Radio.Group label={t('pool.request.urgency')} required {...form.getInputProps('urgency')}>
          <Group mt="xs">
            <Radio value="normal" label={t('transfers.urgency.normal')} />
            <Radio value="urgent" label={t('transfers.urgency.urgent')} />
          </Group>
        </Radio.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('pool.request.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks a colleague's pharmacy for a dépannage (SPEC §4): quantity, reason, urgency. */
export function TransferRequestModal({ ask, onClose }: { ask: TransferAsk | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={ask !== null}
      onClose={onClose}
      title={ask ? t('pool.request.title', { pharmacy: ask.fromPharmacyName }) : ''}
    >
      {ask ? <TransferRequestForm key={`${ask.cip13}-${ask.fromPharmacyId}`} ask={ask} onDone={onClose} /> : null}
    </Modal>
  );
}
