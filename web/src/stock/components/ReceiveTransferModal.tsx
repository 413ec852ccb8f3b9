import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TransferReceiveBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatUnitCost } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { receiveTransfer, refreshStock, type Transfer, useTransfer } from '../stock.api';
import { QuantityInput } from './QuantityInput';

type TransferLine = Transfer['lines'][number];
type Values = { received: (number | string)[]; note: string };

function ReceiveForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const short = (values: Values) =>
    transfer.lines.some((line, i) => (numberOrUndefined(values.received[i]) ?? 0) < line.quantity);
  const dialog = useDialogForm({
    schema: TransferReceiveBody,
    initialValues: { received: transfer.lines.map((line) => line.quantity), note: '' } as Values,
    toBody: (values) => ({
      lines: transfer.lines.map((line, i) => ({
        lineId: line.id,
        quantityReceived: numberOrUndefined(values.received[i]),
      })),
      note: values.note.trim() ? values.note : undefined,
    }),
    // Body paths are lines.<i>.quantityReceived; the inputs are received.<i>.
    fieldOf: (path) => {
      const line = /^lines\.(\d+)\.quantityReceived$/.exec(path)?.[1];
      return line === undefined ? undefined : `received.${line}`;
    },
    // The server's rule: fewer units than shipped must be explained.
    check: (values, errors) => {
      if (short(values) && !values.note.trim()) errors.note = t('transfers.receive.noteRequired');
      // No more of a lot can arrive than was shipped (the server refuses it: transfers.exceeds_shipped).
      transfer.lines.forEach((line, i) => {
        const received = numberOrUndefined(values.received[i]);
        if (received !== undefined && received > line.quantity && !errors[`received.${i}`]) {
          errors[`received.${i}`] = t('transfers.receive.tooMany', { shipped: line.quantity });
        }
      });
    },
    errorFields: { 'transfers.discrepancy_note_required': 'note' },
    submit: (body) => receiveTransfer(transfer.id, body),
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      // Units of a lot already held at another cost: that lot's unit cost is now the weighted average.
      const costs = result.lotCosts.map((c) =>
        t('transfers.receive.averaged', {
          lotNumber: c.lotNumber,
          before: formatUnitCost(c.beforeMillicents),
          after: formatUnitCost(c.afterMillicents),
        }),
      );
      notifySaved([t('transfers.receive.done', { product: transfer.productLabel }), ...costs].join(' '));
      onDone();
    },
    onError: () => refreshStock(queryClient),
  });
  const isShort = short(dialog.form.values);
  return (
    <DialogForm dialog={dialog} submitLabel={t('transfers.action.receive')} onCancel={onDone} autoFocusSubmit>
      <Text>
        {t('transfers.receive.body', { pharmacy: transfer.fromPharmacyName, product: transfer.productLabel })}
      </Text>
      <DataTable<TransferLine>
        label={t('transfers.receive.lines')}
        rows={transfer.lines}
        rowKey={(line) => line.id}
        rowTestId={(line) => `receive-line-${line.lotNumber}`}
        empty={null}
        minWidth={480}
        columns={[
          { key: 'lot', header: t('stock.col.lot'), cell: (line) => line.lotNumber, td: () => ({ ff: 'monospace' }) },
          { key: 'expiry', header: t('stock.col.expiry'), cell: (line) => formatCalendarDate(line.expiryDate) },
          { key: 'shipped', header: t('transfers.receive.shipped'), align: 'right', cell: (line) => line.quantity },
          {
            key: 'received',
            header: t('transfers.receive.received'),
            width: 140,
            cell: (line) => (
              <QuantityInput
                label={null}
                description={null}
                required={false}
                aria-label={t('transfers.receive.receivedOf', { lotNumber: line.lotNumber })}
                min={0}
                max={line.quantity}
                size="xs"
                {...dialog.form.getInputProps(`received.${transfer.lines.indexOf(line)}`)}
              />
            ),
          },
        ]}
      />
      <LimitedTextarea
        label={t('transfers.receive.note')}
        description={isShort ? t('transfers.receive.noteHint') : undefined}
        required={isShort}
        autosize
        minRows={2}
        maxLength={500}
        {...dialog.form.getInputProps('note')}
      />
    </DialogForm>
  );
}

function ReceiveLoader({ transferId, onDone }: { transferId: number; onDone: () => void }) {
  const transfer = useTransfer(transferId);
  if (!transfer.data) return <QueryState query={transfer} />;
  return <ReceiveForm key={transfer.data.id} transfer={transfer.data} onDone={onDone} />;
}

/** The receiver books what arrived, lot by lot, with the sender's lot numbers and expiries. */
export function ReceiveTransferModal({ transferId, onClose }: { transferId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={transferId} title={t('transfers.receive.title')} onClose={onClose} size="lg">
      {(id) => <ReceiveLoader transferId={id} onDone={onClose} />}
    </TargetDialog>
  );
}
