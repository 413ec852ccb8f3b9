import { Alert, Anchor, Box, Button, Group, Progress, Stack, Stepper, Text, VisuallyHidden } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconClockExclamation, IconSignature } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { DeliverBody } from '../../../../server/robot/production.schemas';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatDateTime } from '../../shared/format';
import { LimitedTextarea, LimitedTextInput } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { serverNow } from '../../shared/server-clock';
import { type OrderProgress, refreshProduction, signDelivery, useOrderProgress } from '../production.api';
import { PROGRESS_STEPS } from './production.rules';

function SignForm({ progress, onDone }: { progress: OrderProgress; onDone: () => void }) {
  const { t } = useI18n();
  const user = useSessionUser();
  // The remarks are the care home's, written on receipt: staff signing on its behalf only read the box.
  const remarksReadOnly = user.role !== 'carehome';
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: DeliverBody,
    initialValues: { receivedBy: '', notes: '' },
    submit: (body) => signDelivery(progress.orderId, body),
    onSuccess: async () => {
      await refreshProduction(queryClient);
      notifySaved(t('production.delivery.done'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('production.delivery.sign')} onCancel={onDone}>
      <Text size="sm">{t('production.delivery.body')}</Text>
      <LimitedTextInput
        label={t('production.delivery.receivedBy')}
        required
        data-autofocus
        maxLength={120}
        {...dialog.form.getInputProps('receivedBy')}
      />
      <LimitedTextarea
        label={t('production.delivery.notes')}
        autosize
        minRows={2}
        maxLength={500}
        readOnly={remarksReadOnly}
        variant={remarksReadOnly ? 'filled' : 'default'}
        description={remarksReadOnly ? t('production.delivery.notesCareHomeOnly') : undefined}
        data-testid="delivery-notes"
        {...dialog.form.getInputProps('notes')}
      />
    </DialogForm>
  );
}

/** One line for a home card: the step reached and when, over a bar of the six steps. */
function CompactProgress({ progress, reached }: { progress: OrderProgress; reached: number }) {
  const { t } = useI18n();
  const at = progress.steps.find((s) => s.status === progress.status)?.at;
  return (
    <Stack gap={4}>
      <Progress
        value={reached < 0 ? 0 : ((reached + 1) / PROGRESS_STEPS.length) * 100}
        size="sm"
        aria-label={t('production.progress.title')}
      />
      <Text size="xs" c="dimmed">
        {PROGRESS_STEPS.map((status, i) => (i <= reached ? t(`production.progress.${status}`) : null))
          .filter(Boolean)
          .join(' › ')}
        {at ? ` · ${formatDateTime(at)}` : ''}
      </Text>
    </Stack>
  );
}

/**
 * The order's batch is still booked though its slot went by (SPEC §6): the order reads "planned"
 * but nobody makes its pouches. Staff get the batch to start or cancel; the care home, who to call.
 */
function SlotMissedNotice({ batch, careHome }: { batch: NonNullable<OrderProgress['batch']>; careHome: boolean }) {
  const { t } = useI18n();
  const start = formatDateTime(batch.start);
  return (
    <Alert color="orange" icon={<IconClockExclamation />} data-testid="order-slot-missed" p="sm">
      <Text size="sm">
        {careHome
          ? t('production.progress.slotMissed.carehome', { start })
          : t('production.progress.slotMissed.staff', { id: batch.id, start })}{' '}
        {careHome ? null : (
          <Anchor component={Link} to={`/robot/batches/${batch.id}`} size="sm" underline="always" c="inherit">
            {t('production.progress.slotMissed.link', { id: batch.id })}
          </Anchor>
        )}
      </Text>
    </Alert>
  );
}

/** The widths (px) under which the steps' labels go under their icons, then the steps one under the other. */
const LABELS_BESIDE_WIDTH = 900;
const LABELS_BELOW_WIDTH = 600;

/** A step's instant, short: "01/12 10:00" in the current year (an order lives a few weeks), else in full. */
function stepTime(at: string): string {
  const full = formatDateTime(at);
  return full.slice(6, 10) === formatDateTime(serverNow()).slice(6, 10) ? `${full.slice(0, 5)}${full.slice(10)}` : full;
}

/**
 * Where an order stands, from submission to delivery (SPEC §5), each step with its date; once
 * verified, the care home (or its pharmacy) signs the delivery for receipt.
 */
export function OrderProgressPanel({ orderId, compact }: { orderId: number; compact?: boolean }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const progress = useOrderProgress(orderId);
  const frame = useElementSize();
  const [signing, setSigning] = useState<OrderProgress | null>(null);
  const p = progress.data;
  if (!p) return <QueryState query={progress} />;
  const reached = PROGRESS_STEPS.indexOf(p.status as (typeof PROGRESS_STEPS)[number]);
  const maySign = p.status === 'verified' && user.role !== 'admin' && user.role !== 'treasurer';
  return (
    <Stack gap="sm" data-testid={`order-progress-${orderId}`} data-status={p.status}>
      {compact ? (
        <CompactProgress progress={p} reached={reached} />
      ) : (
        <Box ref={frame.ref}>
          <Stepper
            active={reached < 0 ? 0 : reached + 1}
            size="xs"
            aria-label={t('production.progress.title')}
            // Six steps on one line, never wrapped onto lines with loose connectors: labels beside
            // the icons need ~900 px; under them (a tablet), ~600; narrower (a phone), one under the other.
            orientation={frame.width > 0 && frame.width < LABELS_BELOW_WIDTH ? 'vertical' : 'horizontal'}
            labelPosition={frame.width > 0 && frame.width < LABELS_BESIDE_WIDTH ? 'bottom' : 'right'}
            wrap={false}
          >
            {PROGRESS_STEPS.map((status, index) => {
              const at = p.steps.find((s) => s.status === status)?.at;
              // What the ticks and colours show, said to a screen reader: the order stands at its last
              // step reached (aria-current); the one Mantine highlights after it is the next, not begun.
              const state = index <= reached ? 'done' : index === reached + 1 ? 'next' : 'todo';
              return (
                <Stepper.Step
                  key={status}
                  aria-current={index === reached ? 'step' : undefined}
                  label={
                    <>
                      {t(`production.progress.${status}`)}
                      <VisuallyHidden>{` (${t(`production.progress.state.${state}`)})`}</VisuallyHidden>
                    </>
                  }
                  description={at ? stepTime(at) : undefined}
                />
              );
            })}
          </Stepper>
        </Box>
      )}
      {p.status === 'cancelled' ? <Text c="red">{t('production.progress.cancelled')}</Text> : null}
      {p.batch?.slotMissed ? <SlotMissedNotice batch={p.batch} careHome={user.role === 'carehome'} /> : null}
      {p.delivery ? (
        <Text size="sm" c="dimmed">
          {t('production.delivery.signed', {
            name: p.delivery.receivedBy,
            at: formatDateTime(p.delivery.signedAt),
          })}
        </Text>
      ) : null}
      {p.delivery && p.delivery.notes.trim() !== '' ? (
        <Text size="sm" data-testid={`delivery-reserves-${p.orderId}`} style={{ whiteSpace: 'pre-line' }}>
          {t('production.delivery.reserves', { notes: p.delivery.notes.trim() })}
        </Text>
      ) : null}
      {maySign ? (
        <Group>
          <Button leftSection={<IconSignature size={16} />} onClick={() => setSigning(p)}>
            {t('production.delivery.sign')}
          </Button>
        </Group>
      ) : null}
      <TargetDialog target={signing} title={t('production.delivery.title')} onClose={() => setSigning(null)}>
        {(target) => <SignForm key={target.orderId} progress={target} onDone={() => setSigning(null)} />}
      </TargetDialog>
    </Stack>
  );
}
