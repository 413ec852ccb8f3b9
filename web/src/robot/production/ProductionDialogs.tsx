import { List, NumberInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CompleteBody } from '../../../../server/robot/production.schemas';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { type BatchDetail, completeBatch, refreshProduction, startBatch } from '../production.api';

/** "Start production?": the orders move to in production; the batch can no longer be moved. */
export function StartDialog({ batch, onClose }: { batch: BatchDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (id: number) => startBatch(id),
    onSuccess: async () => {
      await refreshProduction(queryClient);
      notifySaved(t('production.start.done'));
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened={batch !== null}
      title={t('production.start.title')}
      message={t('production.start.body', { count: batch?.orders.length ?? 0, pouches: batch?.pouches ?? 0 })}
      confirmLabel={t('production.start')}
      loading={start.isPending}
      error={start.error}
      onConfirm={() => batch && start.mutate(batch.id)}
      onClose={() => {
        start.reset();
        onClose();
      }}
    />
  );
}

/** The missing products of a 409 robot.shortage, one per line. */
function ShortageList({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError) || error.code !== 'robot.shortage' || !Array.isArray(error.details)) return null;
  return (
    <List size="sm" data-testid="complete-shortages">
      {(error.details as { label: string; missing: number }[]).map((d) => (
        <List.Item key={d.label}>{t('production.shortage.line', { product: d.label, missing: d.missing })}</List.Item>
      ))}
    </List>
  );
}

function CompleteForm({ batch, onDone }: { batch: BatchDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: CompleteBody,
    initialValues: { pouchesProduced: batch.pouches },
    submit: (body) => completeBatch(batch.id, body.pouchesProduced),
    onSuccess: async () => {
      await refreshProduction(queryClient);
      notifySaved(t('production.complete.done'));
      onDone();
    },
    onError: () => refreshProduction(queryClient),
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('production.complete')} onCancel={onDone} autoFocusSubmit>
      <Text size="sm">{t('production.complete.body', { host: batch.production.hostPharmacyName })}</Text>
      <ShortageList error={dialog.error} />
      <NumberInput
        label={t('production.complete.pouches')}
        description={t('production.complete.pouchesHint', { count: batch.pouches })}
        min={0}
        allowDecimal={false}
        {...dialog.form.getInputProps('pouchesProduced')}
      />
    </DialogForm>
  );
}

/** The robot finished: the pouches produced, and the host's stock consumed FEFO. */
export function CompleteDialog({ batch, onClose }: { batch: BatchDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={batch} title={t('production.complete.title')} onClose={onClose}>
      {(b) => <CompleteForm key={b.id} batch={b} onDone={onClose} />}
    </TargetDialog>
  );
}
