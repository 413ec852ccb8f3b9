import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MedicationStopBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import { type Medication, refreshReviews, stopMedication } from '../reviews.api';

/** A line entered for the patient, to end, with the day the form starts from (today in Paris). */
export type StopTarget = { patientId: number; line: Medication; today: string };

function StopForm({ target, onDone }: { target: StopTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { line } = target;
  const dialog = useDialogForm({
    schema: MedicationStopBody,
    initialValues: { endDate: target.today as string | null },
    errorFields: {
      'reviews.medication_end_before_start': 'endDate',
      'reviews.medication_ended': 'endDate',
    },
    submit: (body) => stopMedication(target.patientId, line.id, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.medication.stopped', { product: line.productLabel }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.medication.stop')} submitColor="red" onCancel={onDone}>
      <Text size="sm">
        {t('reviewsUi.medication.stopExplain', {
          product: line.productLabel,
          start: formatCalendarDate(line.startDate),
        })}
      </Text>
      <DateField
        label={t('reviewsUi.medication.lastDay')}
        required
        data-autofocus
        {...dialog.form.getInputProps('endDate')}
      />
    </DialogForm>
  );
}

/** Ends a line entered for the patient (e.g. a stop the GP accepted): its last day taken. */
export function StopMedicationDialog({ target, onClose }: { target: StopTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={target} title={t('reviewsUi.medication.stopTitle')} onClose={onClose}>
      {(x) => <StopForm key={x.line.id} target={x} onDone={onClose} />}
    </TargetDialog>
  );
}
