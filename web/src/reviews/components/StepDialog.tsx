import { SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { StepKind } from '../../../../server/reviews/reviews.models';
import { StepBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { recordStep, refreshReviews } from '../reviews.api';

export type StepTarget = { reviewId: number; kind: StepKind; label: string; closes: boolean; today: string };

type Values = { date: string | null; mode: 'in_person' | 'remote'; notes: string };

function StepForm({ target, onDone }: { target: StepTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: StepBody,
    initialValues: { date: target.today, mode: 'in_person', notes: '' } as Values,
    toBody: (values) => ({
      kind: target.kind,
      date: values.date ?? undefined,
      remote: values.mode === 'remote',
      notes: values.notes.trim() ? values.notes : undefined,
    }),
    errorFields: {
      'reviews.step_in_future': 'date',
      'reviews.step_before_previous': 'date',
      'reviews.step_before_start': 'date',
      'reviews.step_after_year_end': 'date',
      'reviews.follow_up_same_day': 'date',
      'reviews.patient_deceased': 'date',
    },
    submit: (body) => recordStep(target.reviewId, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t(target.closes ? 'reviewsUi.step.closed' : 'reviewsUi.step.done', { step: target.label }));
      onDone();
    },
    // Refused because another tab or colleague recorded it first: the page behind shows it.
    onError: () => refreshReviews(queryClient),
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.step.submit')} onCancel={onDone}>
      <Stack gap="sm">
        {target.closes ? (
          <Text size="sm" c="dimmed">
            {t('reviewsUi.step.closesHint')}
          </Text>
        ) : null}
        <DateField
          label={t('reviewsUi.step.date')}
          required
          maxDate={target.today}
          data-autofocus
          {...form.getInputProps('date')}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="step-mode-label">
            {t('reviewsUi.step.mode')}
          </Text>
          <SegmentedControl
            aria-labelledby="step-mode-label"
            data={[
              { value: 'in_person', label: t('reviewsUi.step.inPerson') },
              { value: 'remote', label: t('reviewsUi.step.remote') },
            ]}
            {...form.getInputProps('mode')}
          />
        </div>
        <Textarea label={t('reviewsUi.step.notes')} autosize minRows={3} maxRows={8} {...form.getInputProps('notes')} />
      </Stack>
    </DialogForm>
  );
}

/** Records the next step of a review: its date (today at the latest), in person or remote, notes. */
export function StepDialog({ target, onClose }: { target: StepTarget | null; onClose: () => void }) {
  return (
    <TargetDialog target={target} title={(s) => s.label} onClose={onClose}>
      {(s) => <StepForm target={s} onDone={onClose} />}
    </TargetDialog>
  );
}
