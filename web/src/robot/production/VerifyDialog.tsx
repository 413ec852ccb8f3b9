import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { VerifyBody } from '../../../../server/robot/production.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import { type BatchDetail, refreshProduction, type VerificationView, verifyBatch } from '../production.api';

type Values = {
  pouchesChecked: number | string;
  notes: string;
  anomalies: { residentId: string | null; description: string }[];
};

const toBody = (v: Values) => ({
  pouchesChecked: typeof v.pouchesChecked === 'number' ? v.pouchesChecked : Number.NaN,
  notes: v.notes,
  anomalies: v.anomalies.map((a) => ({
    residentId: a.residentId ? Number(a.residentId) : 0,
    description: a.description,
  })),
});

function VerifyForm({
  batch,
  view,
  openAnomalies,
  onDone,
}: {
  batch: BatchDetail;
  view: VerificationView;
  openAnomalies: number;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Every pouch delivered is checked: the robot's and those of an incident remade by hand (the server's rule).
  const toCheck = batch.pouches;
  const remade = batch.pouches - (view.pouchesProduced ?? batch.pouches);
  const dialog = useDialogForm({
    schema: VerifyBody,
    initialValues: { pouchesChecked: toCheck, notes: '', anomalies: [] } as Values,
    toBody,
    // A row with no resident chosen says so (the schema's « Doit être supérieur à 0 » read of its id 0).
    check: (values, errors) => {
      values.anomalies.forEach((a, i) => {
        if (!a.residentId) errors[`anomalies.${i}.residentId`] = t('production.anomalies.residentRequired');
      });
    },
    submit: (body) => verifyBatch(batch.id, body),
    onSuccess: async (result) => {
      await refreshProduction(queryClient);
      notifySaved(
        result.status === 'verified'
          ? t('production.verify.done')
          : t('production.verify.anomaliesSaved', { count: result.production.openAnomalies }),
      );
      onDone();
    },
  });
  const { form } = dialog;
  const residents = view.residents.map((r) => ({
    value: String(r.residentId),
    label: `${r.name} — ${t('production.room', { room: r.room })} — ${r.careHomeName}`,
  }));
  const withAnomalies = form.values.anomalies.length > 0;
  return (
    <DialogForm
      dialog={dialog}
      submitLabel={withAnomalies ? t('production.verify.saveAnomalies') : t('production.verify.submit')}
      submitColor={withAnomalies ? 'orange' : undefined}
      onCancel={onDone}
    >
      <Text size="sm">{t('production.verify.body', { count: toCheck, homes: batch.careHomes.length })}</Text>
      {remade > 0 ? <Text size="sm">{t('production.verify.remade', { count: remade })}</Text> : null}
      {openAnomalies > 0 && !withAnomalies ? (
        <Alert color="red">{t('production.verification.blocked', { count: openAnomalies })}</Alert>
      ) : null}
      <WholeNumberInput
        label={t('production.verify.checked')}
        description={t('production.verify.checkedHint', { count: toCheck })}
        min={0}
        max={toCheck}
        required
        {...form.getInputProps('pouchesChecked')}
      />
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('production.anomalies')}
        </Text>
        {form.values.anomalies.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; they are removed by position
          <Paper key={i} withBorder p="sm" radius="sm">
            <Group align="flex-start" wrap="nowrap">
              <Stack gap="xs" style={{ flex: 1 }}>
                <Select
                  label={t('production.anomalies.resident')}
                  data={residents}
                  searchable
                  required
                  {...form.getInputProps(`anomalies.${i}.residentId`)}
                />
                <LimitedTextarea
                  label={t('production.anomalies.description')}
                  required
                  autosize
                  minRows={2}
                  maxLength={500}
                  {...form.getInputProps(`anomalies.${i}.description`)}
                />
              </Stack>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={24}
                aria-label={t('production.anomalies.remove')}
                onClick={() => form.removeListItem('anomalies', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Button
          variant="light"
          color="orange"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('anomalies', { residentId: null, description: '' })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('production.anomalies.add')}
        </Button>
      </Stack>
      <LimitedTextarea
        label={t('production.verify.notes')}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('notes')}
      />
    </DialogForm>
  );
}

/** The pharmacist's check of a produced batch: pouches checked, anomalies per resident (which block) or verified. */
export function VerifyDialog({
  batch,
  view,
  openAnomalies,
  onClose,
}: {
  batch: BatchDetail | null;
  view: VerificationView;
  openAnomalies: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog target={batch} size="lg" title={t('production.verify.title')} onClose={onClose}>
      {(b) => <VerifyForm key={b.id} batch={b} view={view} openAnomalies={openAnomalies} onDone={onClose} />}
    </TargetDialog>
  );
}
