import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TransferRejectBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { refreshStock, rejectTransfer, type TransferSummary } from '../stock.api';
import { validateAsBody } from '../stock.forms';

type Values = { reason: string };

function RejectForm({ transfer, onDone }: { transfer: TransferSummary; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: validateAsBody(TransferRejectBody, t, (values: Values) => values),
  });
  const save = useMutation({
    mutationFn: (values: Values) => rejectTransfer(transfer.id, TransferRejectBody.parse(values)),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('transfers.reject.done', { pharmacy: transfer.toPharmacyName }) });
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
          {t('transfers.reject.body', {
            pharmacy: transfer.toPharmacyName,
            quantity: transfer.quantityRequested,
            product: transfer.productLabel,
          })}
        </Text>
        <Textarea
          label={t('transfers.reject.reason')}
          required
          data-autofocus
          autosize
          minRows={2}
          maxLength={300}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={save.isPending}>
            {t('transfers.action.reject')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The sender declines a request and says why. */
export function RejectTransferModal({ transfer, onClose }: { transfer: TransferSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={transfer !== null}
      onClose={onClose}
      title={t('transfers.reject.title')}
    >
      {transfer ? <RejectForm key={transfer.id} transfer={transfer} onDone={onClose} /> : null}
    </Modal>
  );
}
