import { Radio, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { RejectBody } from '../../../../server/robot/production.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { type BatchDetail, refreshProduction, rejectBatch } from '../production.api';

function RejectForm({ batch, onDone }: { batch: BatchDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: RejectBody,
    initialValues: { reason: '', decision: 'redo' as 'redo' | 'abandon' },
    submit: (body) => rejectBatch(batch.id, body),
    onSuccess: async (_, values) => {
      await refreshProduction(queryClient);
      notifySaved(t(`production.reject.done.${values.decision}`));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('production.reject')} onCancel={onDone}>
      <Text size="sm">{t('production.reject.body')}</Text>
      <LimitedTextarea
        label={t('production.reject.reason')}
        required
        data-autofocus
        autosize
        minRows={2}
        maxLength={500}
        {...dialog.form.getInputProps('reason')}
      />
      <Radio.Group label={t('production.reject.decision')} required {...dialog.form.getInputProps('decision')}>
        <Stack gap="xs" mt="xs">
          <Radio value="redo" label={t('production.reject.redo')} />
          <Radio value="abandon" label={t('production.reject.abandon')} />
        </Stack>
      </Radio.Group>
    </DialogForm>
  );
}

/** The pharmacist rejects a produced batch: produced again, or given up (its orders to plan again). */
export function RejectDialog({ batch, onClose }: { batch: BatchDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={batch} title={t('production.reject.title', { id: batch?.id ?? 0 })} onClose={onClose}>
      {(b) => <RejectForm key={b.id} batch={b} onDone={onClose} />}
    </TargetDialog>
  );
}
