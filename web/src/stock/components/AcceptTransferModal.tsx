import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TransferAcceptBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { acceptTransfer, refreshStock, type TransferSummary } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

type Values = { quantity: number | string };

function AcceptForm({ transfer, onDone }: { transfer: TransferSummary; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({ quantity: numberOrUndefined(values.quantity) });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { quantity: transfer.quantityRequested },
    validate: validateAsBody(TransferAcceptBody, t, toBody),
  });
  const save = useMutation({
    mutationFn: (values: Values) => acceptTransfer(transfer.id, TransferAcceptBody.parse(toBody(values))),
    onSuccess: async (accepted) => {
      await refreshStock(queryClient);
      notifications.show({
        color: 'teal',
        message: t('transfers.accept.done', {
          quantity: accepted.quantityAccepted ?? 0,
          pharmacy: accepted.toPharmacyName,
        }),
      });
      onDone();
    },
    onError: () => refreshStock(queryClient),
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
          {t('transfers.accept.body', {
            pharmacy: transfer.toPharmacyName,
            quantity: transfer.quantityRequested,
            product: transfer.productLabel,
          })}
        </Text>
        <NumberInput
          label={t('transfers.accept.quantity')}
          description={t('transfers.accept.quantityHint')}
          required
          data-autofocus
          min={1}
          max={transfer.quantityRequested}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quantity')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('transfers.action.accept')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The sender agrees to all or part of a request; its lots are reserved first-expired first. */
export function AcceptTransferModal({ transfer, onClose }: { transfer: TransferSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={transfer !== null}
      onClose={onClose}
      title={t('transfers.accept.title')}
    >
      {transfer ? <AcceptForm key={transfer.id} transfer={transfer} onDone={onClose} /> : null}
    </Modal>
  );
}
