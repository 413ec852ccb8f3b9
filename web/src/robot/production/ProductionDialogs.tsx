import { Alert, Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CompleteBody } from '../../../../server/robot/production.schemas';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { serverNow } from '../../shared/server-clock';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import {
  type BatchDetail,
  completeBatch,
  refreshProduction,
  startBatch,
  useBatchLots,
  useVerification,
} from '../production.api';
import { formatMinutes, startHeldBack } from '../robot.rules';
import { completeFormIssues, missingPouches, runTooShort } from './production.rules';

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
    // Refused (another batch started meanwhile, a cut-off moved): the page behind shows why once reloaded.
    onError: () => refreshProduction(queryClient),
  });
  const heldBack = batch ? startHeldBack(batch.startOutlook, serverNow().getTime()) : false;
  return (
    <ConfirmModal
      opened={batch !== null}
      title={t('production.start.title')}
      message={t('production.start.body', { count: batch?.orders.length ?? 0, pouches: batch?.pouches ?? 0 })}
      details={
        heldBack ? (
          <Alert color="yellow" data-testid="start-held-back">
            {heldBack.freeAt
              ? t('production.start.heldBack', { at: formatDateTime(heldBack.freeAt) })
              : t('production.start.heldBackNoSlot')}
          </Alert>
        ) : null
      }
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

/**
 * The missing products of a 409 robot.shortage, one per line; a product whose lot was chosen
 * (`chosen`, CIP13s) says that lot is short and how to go on, not the host's whole stock.
 */
function ShortageList({ error, chosen }: { error: unknown; chosen: ReadonlySet<string> }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError) || error.code !== 'robot.shortage' || !Array.isArray(error.details)) return null;
  return (
    <List size="sm" data-testid="complete-shortages">
      {(error.details as { cip13: string; label: string; missing: number }[]).map((d) => (
        <List.Item key={d.label}>
          {t(chosen.has(d.cip13) ? 'production.shortage.lineChosenLot' : 'production.shortage.line', {
            product: d.label,
            missing: d.missing,
          })}
        </List.Item>
      ))}
    </List>
  );
}

type ShortRow = { key: string; residentId: string | null; pouches: number | string };
type CompleteValues = {
  pouchesProduced: number | string;
  incident: string;
  short: ShortRow[];
  /** CIP13 → the lot id loaded, when it is not the sheet's FEFO lot (empty: FEFO). */
  loaded: Record<string, string | null>;
};

/** Form values → the complete body: an incident only when told, with its short pouches per resident. */
export function completeBodyOf(values: CompleteValues) {
  const description = values.incident.trim();
  return {
    pouchesProduced: values.pouchesProduced,
    lots: Object.entries(values.loaded)
      .filter(([, lotId]) => lotId)
      .map(([cip13, lotId]) => ({ cip13, lotIds: [Number(lotId)] })),
    ...(description
      ? {
          incident: {
            description,
            shortPouches: values.short
              .filter((r) => r.residentId)
              .map((r) => ({ residentId: Number(r.residentId), pouches: r.pouches })),
          },
        }
      : {}),
  };
}

function CompleteForm({ batch, onDone }: { batch: BatchDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const residents = useVerification(batch.id, true).data?.residents ?? [];
  const lots = useBatchLots(batch.id, true).data?.items ?? [];
  const dialog = useDialogForm({
    schema: CompleteBody,
    initialValues: { pouchesProduced: batch.pouches, incident: '', short: [], loaded: {} } as CompleteValues,
    toBody: completeBodyOf,
    fieldOf: (path) => (path.startsWith('incident.description') ? 'incident' : undefined),
    check: (values, errors) => {
      for (const [field, issue] of Object.entries(completeFormIssues(values, batch.pouches)))
        errors[field] ??= t(issue.key, issue.params);
    },
    submit: (body) => completeBatch(batch.id, body),
    onSuccess: async () => {
      await refreshProduction(queryClient);
      notifySaved(t('production.complete.done'));
      onDone();
    },
    onError: () => refreshProduction(queryClient),
  });
  const values = dialog.form.getValues();
  const missing = missingPouches(values.pouchesProduced, batch.pouches);
  // Finished minutes after it started, for a run planned much longer: most likely a slip.
  const [ranFor] = useState(() => runTooShort(batch, serverNow()));
  return (
    <DialogForm dialog={dialog} submitLabel={t('production.complete')} onCancel={onDone} autoFocusSubmit>
      <Text size="sm">{t('production.complete.body', { host: batch.production.hostPharmacyName })}</Text>
      {ranFor !== null ? (
        <Alert color="yellow" data-testid="run-too-short">
          {t('production.complete.tooShort', {
            elapsed: ranFor === 0 ? t('production.complete.underAMinute') : formatMinutes(ranFor),
            planned: formatMinutes(batch.durationMinutes),
          })}
        </Alert>
      ) : null}
      <ShortageList
        error={dialog.error}
        chosen={new Set(Object.keys(values.loaded).filter((cip13) => values.loaded[cip13]))}
      />
      <WholeNumberInput
        label={t('production.complete.pouches')}
        description={t('production.complete.pouchesHint', { count: batch.pouches })}
        min={0}
        max={batch.pouches}
        {...dialog.form.getInputProps('pouchesProduced')}
      />
      {lots.some((p) => p.lots.length > 1) ? (
        <details>
          <summary>
            <Text span size="sm" fw={500}>
              {t('production.complete.lots')}
            </Text>
          </summary>
          <Stack gap="xs" mt="xs" data-testid="loaded-lots">
            <Text size="xs" c="dimmed">
              {t('production.complete.lotsHint')}
            </Text>
            {lots
              .filter((p) => p.lots.length > 1)
              .map((p) => (
                <Select
                  key={p.cip13}
                  label={p.label}
                  placeholder={t('production.complete.lotFefo')}
                  clearable
                  data={p.lots.map((l) => ({
                    value: String(l.id),
                    label: t('production.complete.lotOption', {
                      lot: l.lotNumber,
                      expiry: formatCalendarDate(l.expiryDate),
                      available: l.available,
                    }),
                  }))}
                  {...dialog.form.getInputProps(`loaded.${p.cip13}`)}
                />
              ))}
          </Stack>
        </details>
      ) : null}
      <LimitedTextarea
        label={t('production.complete.incident')}
        description={
          missing > 0
            ? t('production.complete.incidentRequired', { count: missing })
            : t('production.complete.incidentHint')
        }
        required={missing > 0}
        autosize
        minRows={2}
        maxLength={500}
        {...dialog.form.getInputProps('incident')}
      />
      {missing > 0 ? (
        <Stack gap="xs" data-testid="short-pouches">
          <Text size="sm" fw={500}>
            {t('production.complete.shortPouches', { count: missing })}
          </Text>
          {values.short.map((row, i) => (
            <Group key={row.key} gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={t('production.anomalies.resident')}
                data={residents.map((r) => ({ value: String(r.residentId), label: `${r.name} (${r.careHomeName})` }))}
                searchable
                style={{ flex: 1 }}
                {...dialog.form.getInputProps(`short.${i}.residentId`)}
              />
              <WholeNumberInput
                label={t('production.complete.shortCount')}
                min={1}
                w={110}
                {...dialog.form.getInputProps(`short.${i}.pouches`)}
              />
              <Button variant="subtle" color="red" onClick={() => dialog.form.removeListItem('short', i)}>
                {t('production.complete.shortRemove')}
              </Button>
            </Group>
          ))}
          {dialog.form.errors.short ? (
            <Text size="sm" c="red" role="alert">
              {dialog.form.errors.short}
            </Text>
          ) : null}
          <Button
            variant="light"
            size="xs"
            onClick={() => dialog.form.insertListItem('short', { key: randomId(), residentId: null, pouches: 1 })}
          >
            {t('production.complete.shortAdd')}
          </Button>
        </Stack>
      ) : null}
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
