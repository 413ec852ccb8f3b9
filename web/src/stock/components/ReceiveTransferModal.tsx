import { Alert, Button, Group, Loader, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TransferReceiveBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { receiveTransfer, refreshStock, type Transfer, useTransfer } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

type Values = { received: (number | string)[]; note: string };

function ReceiveForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({
    lines: transfer.lines.map((line, i) => ({
      lineId: line.id,
      quantityReceived: numberOrUndefined(values.received[i]),
    })),
    note: values.note.trim() ? values.note : undefined,
  });
  const short = (values: Values) =>
    transfer.lines.some((line, i) => (numberOrUndefined(values.received[i]) ?? 0) < line.quantity);
  const validateBody = validateAsBody(TransferReceiveBody, t, toBody);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { received: transfer.lines.map((line) => line.quantity), note: '' },
    validate: (values) => {
      const errors = validateBody(values);
      // The server's rule: fewer units than shipped must be explained.
      if (short(values) && !values.note.trim()) errors.note = t('transfers.receive.noteRequired');
      // Body paths are lines.<i>.quantityReceived; the inputs are received.<i>.
      for (const path of Object.keys(errors)) {
        const match = /^lines\.(\d+)\.quantityReceived$/.exec(path);
        if (match) {
          errors[`received.${match[1]}`] = errors[path];
          delete errors[path];
        }
      }
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => receiveTransfer(transfer.id, TransferReceiveBody.parse(toBody(values))),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('transfers.receive.done', { product: transfer.productLabel }) });
      onDone();
    },
    onError: () => refreshStock(queryClient),
  });
  const isShort = short(form.values);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {save.error ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        <Text>
          {t('transfers.receive.body', { pharmacy: transfer.fromPharmacyName, product: transfer.productLabel })}
        </Text>
        <Table withTableBorder aria-label={t('transfers.receive.lines')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.col.lot')}</Table.Th>
              <Table.Th>{t('stock.col.expiry')}</Table.Th>
              <Table.Th ta="right">{t('transfers.receive.shipped')}</Table.Th>
              <Table.Th w={140}>{t('transfers.receive.received')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfer.lines.map((line, i) => (
              <Table.Tr key={line.id} data-testid={`receive-line-${line.lotNumber}`}>
                <Table.Td ff="monospace">{line.lotNumber}</Table.Td>
                <Table.Td>{formatCalendarDate(line.expiryDate)}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('transfers.receive.receivedOf', { lotNumber: line.lotNumber })}
                    min={0}
                    max={line.quantity}
                    clampBehavior="none"
                    allowDecimal={false}
                    allowNegative={false}
                    size="xs"
                    {...form.getInputProps(`received.${i}`)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Textarea
          label={t('transfers.receive.note')}
          description={isShort ? t('transfers.receive.noteHint') : undefined}
          required={isShort}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-autofocus>
            {t('transfers.action.receive')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The receiver books what arrived, lot by lot, with the sender's lot numbers and expiries. */
export function ReceiveTransferModal({ transferId, onClose }: { transferId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const transfer = useTransfer(transferId);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={transferId !== null}
      onClose={onClose}
      title={t('transfers.receive.title')}
      size="lg"
    >
      {transfer.error ? (
        <Alert color="red" role="alert">
          {describeError(t, transfer.error)}
        </Alert>
      ) : null}
      {transferId !== null && transfer.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {transferId !== null && transfer.data ? (
        <ReceiveForm key={transfer.data.id} transfer={transfer.data} onDone={onClose} />
      ) : null}
    </Modal>
  );
}
