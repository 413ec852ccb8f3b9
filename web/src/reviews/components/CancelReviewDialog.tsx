import { Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CancelBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { cancelReview, refreshReviews } from '../reviews.api';

export type CancelTarget = { reviewId: number; patientName: string };

function CancelForm({ target, onDone }: { target: CancelTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: CancelBody,
    initialValues: { reason: '' },
    toBody: (values) => ({ reason: values.reason }),
    submit: (body) => cancelReview(target.reviewId, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.cancel.done', { patient: target.patientName }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.cancel.submit')} submitColor="red" onCancel={onDone}>
      <Stack gap="sm">
        <Text size="sm">{t('reviewsUi.cancel.confirm', { patient: target.patientName })}</Text>
        <Textarea
          label={t('reviewsUi.cancel.reason')}
          required
          autosize
          minRows={2}
          data-autofocus
          {...dialog.form.getInputProps('reason')}
        />
      </Stack>
    </DialogForm>
  );
}

/** Cancels a review started by mistake, after a confirmation that says why (pharmacist, nothing billed yet). */
export function CancelReviewDialog({ target, onClose }: { target: CancelTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={target} title={t('reviewsUi.cancel.title')} onClose={onClose}>
      {(s) => <CancelForm target={s} onDone={onClose} />}
    </TargetDialog>
  );
}
