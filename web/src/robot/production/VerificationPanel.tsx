import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconChecklist, IconCircleCheck, IconTool } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ResolveBody } from '../../../../server/robot/production.schemas';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatDateTime } from '../../shared/format';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { type Anomaly, type BatchDetail, refreshProduction, resolveAnomaly, useVerification } from '../production.api';
import { RejectDialog } from './RejectDialog';
import { VerifyDialog } from './VerifyDialog';

function ResolveForm({ anomaly, onDone }: { anomaly: Anomaly; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ResolveBody,
    initialValues: { resolution: '' },
    submit: (body) => resolveAnomaly(anomaly.id, body.resolution),
    onSuccess: async () => {
      await refreshProduction(queryClient);
      notifySaved(t('production.anomalies.resolved'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('production.anomalies.resolve')} onCancel={onDone}>
      <Text size="sm">
        {anomaly.residentName} ({anomaly.careHomeName}) — {anomaly.description}
      </Text>
      <LimitedTextarea
        label={t('production.anomalies.resolution')}
        description={t('production.anomalies.resolutionHint')}
        required
        data-autofocus
        autosize
        minRows={2}
        maxLength={500}
        {...dialog.form.getInputProps('resolution')}
      />
    </DialogForm>
  );
}

/** After production: the pharmacist's checks, the anomalies found (open ones block) and the verify action. */
export function VerificationPanel({ batch, mayVerify }: { batch: BatchDetail; mayVerify: boolean }) {
  const { t } = useI18n();
  const view = useVerification(batch.id, true);
  const [resolving, setResolving] = useState<Anomaly | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const anomalies = view.data?.anomalies ?? [];
  const open = anomalies.filter((a) => a.resolvedAt === null);
  const resident = (a: Anomaly) => `${a.residentName} (${t('production.room', { room: a.room })})`;
  const what = (a: Anomaly) =>
    a.missingPouches
      ? `${t('production.anomalies.missing', { count: a.missingPouches })} — ${a.description}`
      : a.description;
  const state = (a: Anomaly) =>
    a.resolvedAt ? (
      <Stack gap={2}>
        <Badge color="green" variant="light">
          {t('production.anomalies.stateResolved')}
        </Badge>
        <Text size="xs">{a.resolution}</Text>
      </Stack>
    ) : (
      <Badge color="red">{t('production.anomalies.stateOpen')}</Badge>
    );
  // The checks are told when one found anomalies or left remarks (a plain validation is the alert above).
  const checks = view.data?.verifications ?? [];
  return (
    <section aria-labelledby="batch-verification">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="batch-verification">
          {t('production.verification')}
        </Title>
        {mayVerify && batch.status === 'produced' && view.data ? (
          <Group gap="sm">
            <Button
              variant="default"
              color="red"
              leftSection={<IconArrowBackUp size={16} />}
              onClick={() => setRejecting(true)}
            >
              {t('production.reject')}
            </Button>
            <Button leftSection={<IconChecklist size={16} />} onClick={() => setVerifying(true)}>
              {t('production.verify')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <QueryState query={view} />
      <Stack gap="sm">
        {batch.status === 'verified' ? (
          <Alert color="green" icon={<IconCircleCheck />} role="status">
            {t('production.verified', {
              at: batch.production.verifiedAt ? formatDateTime(batch.production.verifiedAt) : '',
              by: batch.production.verifiedBy ?? '',
            })}
          </Alert>
        ) : (
          <Alert color={open.length > 0 ? 'red' : 'blue'}>
            {open.length > 0
              ? t('production.verification.blocked', { count: open.length })
              : mayVerify
                ? t('production.verification.waiting')
                : t('production.verification.pharmacistOnly', { pharmacy: batch.pharmacyName })}
          </Alert>
        )}
        {anomalies.length > 0 ? (
          <DataTable
            label={t('production.anomalies')}
            rows={anomalies}
            rowKey={(a) => a.id}
            empty=""
            minWidth={640}
            // On a phone each anomaly reads as one summary (it scrolled sideways, its state off screen).
            phoneMinWidth={0}
            rowName={(a) => a.residentName}
            columns={[
              {
                key: 'summary',
                header: t('production.anomalies.resident'),
                hiddenFrom: 'sm',
                cell: (a) => (
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      {resident(a)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {a.careHomeName}
                    </Text>
                    <Text size="sm">{what(a)}</Text>
                    {state(a)}
                  </Stack>
                ),
              },
              { key: 'resident', header: t('production.anomalies.resident'), cell: resident, visibleFrom: 'sm' },
              { key: 'home', header: t('production.orders.careHome'), cell: (a) => a.careHomeName, visibleFrom: 'md' },
              { key: 'what', header: t('production.anomalies.description'), cell: what, visibleFrom: 'sm' },
              { key: 'state', header: t('production.anomalies.state'), cell: state, visibleFrom: 'sm' },
            ]}
            actions={(a) =>
              mayVerify && !a.resolvedAt
                ? [{ label: t('production.anomalies.resolve'), icon: IconTool, onClick: () => setResolving(a) }]
                : []
            }
          />
        ) : null}
        {checks.some((v) => v.outcome === 'anomalies' || v.notes.trim() !== '') ? (
          <Stack gap={2} data-testid="verification-checks">
            {checks.map((v) => (
              <Text key={v.id} size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                {t(`production.check.${v.outcome}`, {
                  at: formatDateTime(v.checkedAt),
                  by: v.checkedBy ?? '',
                  count: v.pouchesChecked,
                })}
                {v.notes.trim() ? ` — ${t('production.check.notes', { notes: v.notes.trim() })}` : null}
              </Text>
            ))}
          </Stack>
        ) : null}
      </Stack>
      <TargetDialog
        target={resolving}
        title={t('production.anomalies.resolveTitle')}
        onClose={() => setResolving(null)}
      >
        {(a) => <ResolveForm key={a.id} anomaly={a} onDone={() => setResolving(null)} />}
      </TargetDialog>
      <RejectDialog batch={rejecting ? batch : null} onClose={() => setRejecting(false)} />
      {view.data ? (
        <VerifyDialog
          batch={verifying ? batch : null}
          view={view.data}
          openAnomalies={open.length}
          onClose={() => setVerifying(false)}
        />
      ) : null}
    </section>
  );
}
