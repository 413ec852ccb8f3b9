import { Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { InterruptBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { interruptReview, refreshReviews } from '../reviews.api';

export type InterruptTarget = { reviewId: number; patientName: string; today: string };

type Values = { date: string | null; reason: string };

function InterruptForm({ target, onDone }: { target: InterruptTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: InterruptBody,
    initialValues: { date: target.today, reason: '' } as Values,
    toBody: (values) => ({ date: values.date ?? undefined, reason: values.reason }),
    errorFields: {
      'reviews.interrupt_in_future': 'date',
      'reviews.interrupt_before_last_step': 'date',
    },
    submit: (body) => interruptReview(target.reviewId, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.interrupt.done', { patient: target.patientName }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.interrupt.submit')} submitColor="orange" onCancel={onDone}>
      <Stack gap="sm">
        <Text size="sm">{t('reviewsUi.interrupt.confirm', { patient: target.patientName })}</Text>
        <DateField
          label={t('reviewsUi.interrupt.date')}
          required
          maxDate={target.today}
          {...dialog.form.getInputProps('date')}
        />
        <Textarea
          label={t('reviewsUi.interrupt.reason')}
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

/**
 * Interrupts a review for good (moved away, long hospital stay, refusal) with its date and reason:
 * a pharmacist's decision; the acts already billed stay billed.
 */
export function InterruptReviewDialog({ target, onClose }: { target: InterruptTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={target} title={t('reviewsUi.interrupt.title')} onClose={onClose}>
      {(s) => <InterruptForm target={s} onDone={onClose} />}
    </TargetDialog>
  );
}
