import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ReverseBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { type Entry, refreshShares, reverseEntry } from '../shares.api';

function ReverseForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ReverseBody,
    initialValues: { reason: '' },
    submit: (body) => reverseEntry(entry.id, body),
    onSuccess: async (reversal) => {
      await refreshShares(queryClient);
      notifySaved(t('shares.reverse.done', { number: entry.id, reversal: reversal.id }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.reverse.submit')} submitColor="red" onCancel={onDone}>
      <Text size="sm">
        {t('shares.reverse.explain', {
          number: entry.id,
          date: formatCalendarDate(entry.date),
          amount: formatMoney(entry.amountCents),
          category: entry.categoryName,
        })}
      </Text>
      <LimitedTextarea
        label={t('shares.field.reason')}
        required
        autosize
        minRows={2}
        maxLength={300}
        data-autofocus
        {...dialog.form.getInputProps('reason')}
      />
    </DialogForm>
  );
}

/** Cancels an entry by a reversing entry: the ledger is never edited (SPEC §3). */
export function ReverseModal({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={entry} title={(e) => t('shares.reverse.title', { number: e.id })} onClose={onClose}>
      {(e) => <ReverseForm entry={e} onDone={onClose} />}
    </TargetDialog>
  );
}
