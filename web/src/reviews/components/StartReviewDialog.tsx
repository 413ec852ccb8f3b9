import { Checkbox, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ReviewBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { refreshReviews, startReview } from '../reviews.api';

export type StartTarget = { patientId: number; patientName: string; lastReviewYear: number | null };

type Values = { startedOn: string | null; treatmentChanged: boolean };

function StartForm({ target, today, onDone }: { target: StartTarget; today: string; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const following = target.lastReviewYear !== null;
  const dialog = useDialogForm({
    schema: ReviewBody,
    initialValues: { startedOn: today, treatmentChanged: false } as Values,
    toBody: (values) => ({
      patientId: target.patientId,
      startedOn: values.startedOn ?? undefined,
      treatmentChanged: following ? values.treatmentChanged : undefined,
    }),
    // The API dates a review without `startedOn` today; the form asks for the date it shows as required.
    check: (values, errors) => {
      if (!values.startedOn) errors.startedOn = t('validation.required');
    },
    errorFields: {
      'reviews.date_in_future': 'startedOn',
      'reviews.start_too_early': 'startedOn',
      'reviews.start_before_birth': 'startedOn',
      'reviews.patient_deceased': 'startedOn',
    },
    submit: startReview,
    onSuccess: async (review) => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.start.done', { patient: target.patientName }));
      onDone();
      navigate(`/reviews/${review.id}`);
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.start.submit')} onCancel={onDone} autoFocusSubmit>
      <Text size="sm">
        {following
          ? t('reviewsUi.start.following', { year: (target.lastReviewYear ?? 0) + 1 })
          : t('reviewsUi.start.first')}
      </Text>
      <DateField label={t('reviewsUi.start.date')} required maxDate={today} {...form.getInputProps('startedOn')} />
      {following ? (
        <Checkbox
          label={t('reviewsUi.start.treatmentChanged')}
          description={t('reviewsUi.start.treatmentChangedHint')}
          {...form.getInputProps('treatmentChanged', { type: 'checkbox' })}
        />
      ) : null}
    </DialogForm>
  );
}

/** Starts the next year of follow-up of a patient, then opens the review. */
export function StartReviewDialog({
  target,
  today,
  onClose,
}: {
  target: StartTarget | null;
  today: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      title={(s) => t('reviewsUi.start.title', { patient: s.patientName })}
      onClose={onClose}
    >
      {(s) => <StartForm target={s} today={today} onDone={onClose} />}
    </TargetDialog>
  );
}
