import { Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { AnswerBody } from '../../../../server/reviews/reviews.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { answerProblem, type Problem, refreshReviews } from '../reviews.api';
import { interventionKey, problemKey } from '../reviews.rules';

/** `correction`: the answer recorded is replaced (a mistake), the form starts from it. */
export type AnswerTarget = { problem: Problem; today: string; resident: boolean; correction: boolean };

// No answer is chosen beforehand: an acceptance recorded by a mere « Enregistrer » cannot be undone.
type Values = { answer: 'accepted' | 'refused' | 'no_answer' | null; date: string | null; comment: string };

function AnswerForm({ target, onDone }: { target: AnswerTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { problem } = target;
  const dialog = useDialogForm({
    schema: AnswerBody,
    initialValues: (target.correction
      ? {
          answer: problem.gpAnswer === 'pending' ? null : problem.gpAnswer,
          date: problem.gpAnswerDate ?? target.today,
          comment: problem.gpComment ?? '',
        }
      : { answer: null, date: target.today, comment: '' }) as Values,
    toBody: (values) => ({
      answer: values.answer ?? undefined,
      date: values.date ?? undefined,
      comment: values.comment.trim() ? values.comment : undefined,
      correction: target.correction || undefined,
    }),
    errorFields: {
      'reviews.date_in_future': 'date',
      'reviews.answer_before_analysis': 'date',
      'reviews.answer_before_start': 'date',
      'reviews.patient_deceased': 'date',
    },
    submit: (body) => answerProblem(problem.id, body),
    onSuccess: async (saved) => {
      await refreshReviews(queryClient);
      notifySaved(saved.proposal ? t('reviewsUi.answer.doneWithProposal') : t('reviewsUi.answer.done'));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.save')} onCancel={onDone}>
      <Stack gap="sm">
        <Text size="sm">
          {t(problemKey(problem.problemCode))} — {t(interventionKey(problem.interventionCode))}
        </Text>
        {target.correction ? (
          <Text size="sm" data-testid="answer-correction-hint">
            {t(problem.proposal ? 'reviewsUi.answer.correctHintProposal' : 'reviewsUi.answer.correctHint')}
          </Text>
        ) : null}
        <Radio.Group
          label={t('reviewsUi.answer.label')}
          required
          {...form.getInputProps('answer')}
          onChange={(value) => {
            // A corrected answer does not keep the GP's words of the answer it replaces.
            if (target.correction && form.values.comment === (problem.gpComment ?? ''))
              form.setFieldValue('comment', '');
            form.setFieldValue('answer', value as Values['answer']);
          }}
        >
          <Group gap="lg" mt={4}>
            <Radio value="accepted" label={t('reviews.answer.accepted')} />
            <Radio value="refused" label={t('reviews.answer.refused')} />
            <Radio value="no_answer" label={t('reviews.answer.no_answer')} />
          </Group>
        </Radio.Group>
        <DateField label={t('reviewsUi.answer.date')} required maxDate={target.today} {...form.getInputProps('date')} />
        <Textarea label={t('reviewsUi.answer.comment')} autosize minRows={2} {...form.getInputProps('comment')} />
        {target.resident &&
        (problem.prescriptionLineId !== null || problem.change !== null) &&
        form.values.answer === 'accepted' ? (
          <Text size="sm" c="dimmed">
            {t('reviewsUi.answer.proposalHint')}
          </Text>
        ) : null}
      </Stack>
    </DialogForm>
  );
}

/** Records what the GP answered to a proposed intervention, and when. */
export function AnswerDialog({ target, onClose }: { target: AnswerTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      title={(s) => t(s.correction ? 'reviewsUi.answer.correctTitle' : 'reviewsUi.answer.title')}
      onClose={onClose}
    >
      {(s) => <AnswerForm target={s} onDone={onClose} />}
    </TargetDialog>
  );
}
