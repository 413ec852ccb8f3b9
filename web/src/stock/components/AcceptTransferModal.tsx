import { Badge, Group, Stack, Switch, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TransferAcceptBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { acceptTransfer, type Lot, refreshStock, type TransferSummary, useLots } from '../stock.api';
import { daysBetween, parisToday } from '../stock.rules';
import { QuantityInput } from './QuantityInput';

type Values = {
  quantity: number | string;
  /** The sender picks its lots itself (default: first-expired first, chosen by the server). */
  choose: boolean;
  /** Units per lot id, when `choose`. */
  lots: Record<string, number | string>;
};

/** Lots a dépannage may take (the server's rule: expiring tomorrow or later), first-expired first. */
const sendable = (lots: readonly Lot[], today: string) =>
  lots.filter((l) => l.available > 0 && daysBetween(today, l.expiryDate) >= 1);

/** `quantity` spread first-expired first over `lots`: what the server would reserve. */
function fefo(lots: readonly Lot[], quantity: number): Record<string, number | string> {
  const spread: Record<string, number | string> = {};
  let left = quantity;
  for (const lot of lots) {
    const take = Math.min(lot.available, left);
    spread[lot.id] = take > 0 ? take : '';
    left -= Math.max(0, take);
  }
  return spread;
}

const chosenTotal = (values: Values) =>
  Object.values(values.lots).reduce<number>((s, n) => s + (typeof n === 'number' ? n : 0), 0);

function AcceptForm({ transfer, onDone }: { transfer: TransferSummary; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const today = parisToday();
  const lots = sendable(useLots({ cip13: transfer.cip13 }).data ?? [], today);
  const dialog = useDialogForm({
    schema: TransferAcceptBody,
    initialValues: { quantity: transfer.quantityRequested, choose: false, lots: {} } as Values,
    toBody: (values) =>
      values.choose
        ? {
            lots: Object.entries(values.lots)
              .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
              .map(([lotId, quantity]) => ({ lotId: Number(lotId), quantity })),
          }
        : { quantity: numberOrUndefined(values.quantity) },
    submit: (body) => acceptTransfer(transfer.id, body),
    // No more than was asked (the server refuses it: transfers.exceeds_requested).
    check: (values, errors) => {
      const quantity = values.choose ? chosenTotal(values) : numberOrUndefined(values.quantity);
      const field = values.choose ? 'lots' : 'quantity';
      // An emptied field is not « all that was asked » (what the API reads from no quantity): ask for it.
      if (!values.choose && quantity === undefined && !errors.quantity) errors.quantity = t('validation.required');
      if (quantity !== undefined && quantity > transfer.quantityRequested && !errors[field]) {
        errors[field] = t('transfers.accept.tooMany', { requested: transfer.quantityRequested });
      }
      if (values.choose && quantity === 0 && !errors.lots) errors.lots = t('transfers.accept.chooseSome');
    },
    fieldOf: (path) => (path.startsWith('lots') ? 'lots' : path),
    errorFields: {
      'stock.insufficient_quantity': 'quantity',
      'transfers.exceeds_requested': 'quantity',
      'transfers.lot_not_sendable': 'lots',
    },
    onSuccess: async (accepted) => {
      await refreshStock(queryClient);
      notifySaved(
        t('transfers.accept.done', { quantity: accepted.quantityAccepted ?? 0, pharmacy: accepted.toPharmacyName }),
      );
      onDone();
    },
    // A 409 means the other pharmacy moved first: show the transfer as it is now.
    onError: () => refreshStock(queryClient),
  });
  const { form } = dialog;
  const choose = form.values.choose;
  return (
    <DialogForm dialog={dialog} submitLabel={t('transfers.action.accept')} onCancel={onDone}>
      <Text>
        {t('transfers.accept.body', {
          pharmacy: transfer.toPharmacyName,
          quantity: transfer.quantityRequested,
          product: transfer.productLabel,
        })}
      </Text>
      {choose ? null : (
        <QuantityInput
          label={t('transfers.accept.quantity')}
          description={t('transfers.accept.quantityHint')}
          data-autofocus
          max={transfer.quantityRequested}
          {...form.getInputProps('quantity')}
        />
      )}
      <Switch
        label={t('transfers.accept.choose')}
        description={t('transfers.accept.chooseHint')}
        checked={choose}
        onChange={(event) => {
          const on = event.currentTarget.checked;
          const quantity = numberOrUndefined(form.values.quantity) ?? transfer.quantityRequested;
          form.setValues({ choose: on, lots: on ? fefo(lots, Math.min(quantity, transfer.quantityRequested)) : {} });
        }}
      />
      {choose ? (
        <Stack gap="xs" data-testid="accept-lots">
          {lots.length === 0 ? <Text size="sm">{t('transfers.accept.noLot')}</Text> : null}
          {lots.map((lot) => {
            const days = daysBetween(today, lot.expiryDate);
            return (
              <Group key={lot.id} align="flex-end" wrap="nowrap">
                <QuantityInput
                  w={120}
                  min={0}
                  required={false}
                  label={t('transfers.accept.lot', { lot: lot.lotNumber })}
                  description={t('transfers.accept.lotAvailable', { available: lot.available })}
                  max={lot.available}
                  value={form.values.lots[lot.id] ?? ''}
                  onChange={(value) => form.setFieldValue('lots', { ...form.values.lots, [lot.id]: value })}
                />
                <Stack gap={2} pb={4}>
                  <Text size="sm">{t('transfers.accept.expires', { date: formatCalendarDate(lot.expiryDate) })}</Text>
                  {days <= 30 ? (
                    <Badge size="sm" color="orange" variant="light">
                      {t('transfers.accept.expiresIn', { days })}
                    </Badge>
                  ) : null}
                </Stack>
              </Group>
            );
          })}
          <Text size="sm" fw={500}>
            {t('transfers.accept.chosenTotal', {
              quantity: chosenTotal(form.values),
              requested: transfer.quantityRequested,
            })}
          </Text>
          {form.errors.lots ? (
            <Text size="xs" c="red">
              {form.errors.lots}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </DialogForm>
  );
}

/** The sender agrees to all or part of a request; its lots are reserved first-expired first, or as it chooses. */
export function AcceptTransferModal({ transfer, onClose }: { transfer: TransferSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={transfer} title={t('transfers.accept.title')} onClose={onClose}>
      {(target) => <AcceptForm key={target.id} transfer={target} onDone={onClose} />}
    </TargetDialog>
  );
}
