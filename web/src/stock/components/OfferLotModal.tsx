import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { OfferCreateBody } from '../../../../server/stock/offers.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { createOffer } from '../offers.api';
import { refreshStock, useLot } from '../stock.api';
import { QuantityInput } from './QuantityInput';

/** A lot of ours to offer to a pharmacy that uses the product faster (an anti-waste suggestion). */
export type LotOffer = {
  lotId: number;
  lotNumber: string;
  expiryDate: string;
  productLabel: string;
  toPharmacyId: number;
  toPharmacyName: string;
  quantity: number;
};

type Values = { quantity: number | string; note: string };

function OfferForm({ offer, onDone }: { offer: LotOffer; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const lot = useLot(offer.lotId);
  const free = lot.data?.available;
  const dialog = useDialogForm({
    schema: OfferCreateBody,
    initialValues: {
      quantity: offer.quantity,
      note: t('offer.defaultNote', { lotNumber: offer.lotNumber, date: formatCalendarDate(offer.expiryDate) }),
    } as Values,
    toBody: (values) => ({
      lotId: offer.lotId,
      toPharmacyId: offer.toPharmacyId,
      quantity: numberOrUndefined(values.quantity),
      note: values.note,
    }),
    errorFields: { 'stock.insufficient_quantity': 'quantity' },
    submit: createOffer,
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('offer.done', { pharmacy: offer.toPharmacyName }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('offer.submit')} onCancel={onDone}>
      <div>
        <Text fw={600}>{offer.productLabel}</Text>
        <Text size="sm" c="dimmed">
          {t('offer.available', {
            lotNumber: offer.lotNumber,
            date: formatCalendarDate(offer.expiryDate),
            available: free ?? offer.quantity,
          })}
        </Text>
      </div>
      <Text size="sm">{t('offer.body', { pharmacy: offer.toPharmacyName })}</Text>
      <QuantityInput max={free} data-autofocus {...dialog.form.getInputProps('quantity')} />
      <LimitedTextarea
        label={t('offer.note')}
        description={t('offer.noteHint')}
        required
        autosize
        minRows={2}
        maxLength={300}
        {...dialog.form.getInputProps('note')}
      />
      <Text size="xs" c="dimmed">
        {t('offer.validity')}
      </Text>
    </DialogForm>
  );
}

/** The holder offers units of one of its lots to another pharmacy, which accepts or declines. */
export function OfferLotModal({ offer, onClose }: { offer: LotOffer | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={offer} title={(o) => t('offer.title', { pharmacy: o.toPharmacyName })} onClose={onClose}>
      {(o) => <OfferForm key={`${o.lotId}-${o.toPharmacyId}`} offer={o} onDone={onClose} />}
    </TargetDialog>
  );
}
