import { SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type StepKind, stepMeetsPatient } from '../../../../server/reviews/reviews.models';
import { StepBody } from '../../../../server/reviews/reviews.schemas';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { recordStep, refreshReviews, useStepPharmacists } from '../reviews.api';

export type StepTarget = { reviewId: number; kind: StepKind; label: string; closes: boolean; today: string };

type Values = { date: string | null; mode: 'in_person' | 'remote'; notes: string; pharmacistId: string | null };

function StepForm({ target, onDone }: { target: StepTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const me = useSessionUser();
  const pharmacists = useStepPharmacists().data;
  // A pharmacist records their own step; a technician records it for the pharmacist who did it.
  const isPharmacist = me.role === 'pharmacist';
  const dialog = useDialogForm({
    schema: StepBody,
    initialValues: {
      date: target.today,
      mode: 'in_person',
      notes: '',
      pharmacistId: isPharmacist ? String(me.id) : null,
    } as Values,
    toBody: (values) => ({
      kind: target.kind,
      date: values.date ?? undefined,
      remote: stepMeetsPatient(target.kind) && values.mode === 'remote',
      notes: values.notes.trim() ? values.notes : undefined,
      pharmacistId: values.pharmacistId ? Number(values.pharmacistId) : undefined,
    }),
    check: (values, errors) => {
      if (!values.pharmacistId) errors.pharmacistId = t('validation.required');
    },
    errorFields: {
      'reviews.pharmacist_required': 'pharmacistId',
      'reviews.not_a_pharmacist': 'pharmacistId',
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
  // The pharmacy's one pharmacist is the one who did it.
  const only = pharmacists?.length === 1 ? String(pharmacists[0]?.id) : null;
  const setPharmacist = form.setFieldValue;
  const chosen = form.values.pharmacistId;
  useEffect(() => {
    if (only && !chosen) setPharmacist('pharmacistId', only);
  }, [only, chosen, setPharmacist]);
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
        <Select
          label={t('reviewsUi.step.pharmacist')}
          description={isPharmacist ? undefined : t('reviewsUi.step.pharmacistHint')}
          required
          data={(pharmacists ?? []).map((p) => ({ value: String(p.id), label: p.displayName }))}
          {...form.getInputProps('pharmacistId')}
        />
        {stepMeetsPatient(target.kind) ? (
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
        ) : null}
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
