import { Alert, Anchor, Group, List, Radio, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { TransferRequestBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../shared/api';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatDate } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { useLendable } from '../offers.api';
import { refreshStock, requestTransfer } from '../stock.api';
import { QuantityInput } from './QuantityInput';

/** What is asked for, and of whom: a product another pharmacy holds. */
export type TransferAsk = {
  cip13: string;
  productLabel: string;
  fromPharmacyId: number;
  fromPharmacyName: string;
  /** What the pool showed; the dialog reads the exact figure again (GET /api/transfers/lendable). */
  available: number;
  nearestExpiry: string | null;
  /** Pre-filled quantity and reason (an anti-waste suggestion names both). */
  quantity?: number;
  reason?: string;
};

type Values = { quantity: number | string; reason: string; urgency: 'normal' | 'urgent' };

function TransferRequestForm({ ask, onDone }: { ask: TransferAsk; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const lendable = useLendable(ask.cip13, ask.fromPharmacyId);
  // What the other pharmacy can lend now: on hand minus reserved, lots still good tomorrow.
  const available = lendable.data?.available ?? ask.available;
  const nearestExpiry = lendable.data ? lendable.data.nearestExpiry : ask.nearestExpiry;
  const open = lendable.data?.openTransfers ?? [];
  // One key for this opening of the form: a double click or a retry answers the same transfer.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const dialog = useDialogForm({
    schema: TransferRequestBody,
    initialValues: {
      quantity: ask.quantity !== undefined ? Math.min(ask.quantity, Math.max(available, 1)) : '',
      reason: ask.reason ?? '',
      urgency: 'normal',
    } as Values,
    toBody: (values) => ({
      fromPharmacyId: ask.fromPharmacyId,
      cip13: ask.cip13,
      quantity: numberOrUndefined(values.quantity),
      reason: values.reason,
      urgency: values.urgency,
    }),
    check: (values, errors) => {
      const quantity = numberOrUndefined(values.quantity);
      if (quantity !== undefined && quantity > available) {
        errors.quantity = t('pool.request.tooMany', { available });
      }
    },
    errorFields: { 'transfers.exceeds_available': 'quantity' },
    submit: (body) => requestTransfer(body, idempotencyKey),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('pool.request.done', { pharmacy: ask.fromPharmacyName }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('pool.request.submit')} onCancel={onDone}>
      <div>
        <Text fw={600}>{ask.productLabel}</Text>
        <Text size="sm" c={available === 0 ? 'red.8' : 'dimmed'} data-testid="request-lendable">
          {nearestExpiry
            ? t('pool.request.lendable', {
                pharmacy: ask.fromPharmacyName,
                available,
                expiry: formatCalendarDate(nearestExpiry),
              })
            : t('pool.request.lendableNone', { pharmacy: ask.fromPharmacyName, available })}
        </Text>
      </div>
      {open.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('pool.request.openTitle')}
        >
          <Text size="sm">{t('pool.request.openHint', { pharmacy: ask.fromPharmacyName })}</Text>
          <List size="sm" mt={4}>
            {open.map((o) => (
              <List.Item key={o.id}>
                <Anchor component={Link} to={`/transfers/${o.id}`} size="sm" c="dark.8" underline="always">
                  {t('pool.request.openItem', {
                    id: o.id,
                    quantity: o.quantityRequested,
                    status: t(`transfers.status.${o.status}` as 'transfers.status.requested'),
                    date: formatDate(o.requestedAt),
                  })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <QuantityInput
        max={available}
        description={t('pool.request.quantityHint', { available })}
        data-autofocus
        {...dialog.form.getInputProps('quantity')}
      />
      <LimitedTextarea
        label={t('pool.request.reason')}
        description={t('pool.request.reasonHint')}
        required
        autosize
        minRows={2}
        maxLength={300}
        {...dialog.form.getInputProps('reason')}
      />
      <Radio.Group label={t('pool.request.urgency')} required {...dialog.form.getInputProps('urgency')}>
        <Group mt="xs">
          <Radio value="normal" label={t('transfers.urgency.normal')} />
          <Radio value="urgent" label={t('transfers.urgency.urgent')} />
        </Group>
      </Radio.Group>
    </DialogForm>
  );
}

/** Asks a colleague's pharmacy for a dépannage (SPEC §4): quantity, reason, urgency. */
export function TransferRequestModal({ ask, onClose }: { ask: TransferAsk | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={ask}
      title={(target) => t('pool.request.title', { pharmacy: target.fromPharmacyName })}
      onClose={onClose}
    >
      {(target) => (
        <TransferRequestForm key={`${target.cip13}-${target.fromPharmacyId}`} ask={target} onDone={onClose} />
      )}
    </TargetDialog>
  );
}
