import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { TargetDialog } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { formatDateTime, formatTime } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { RefusalAlert } from '../../shared/RefusalAlert';
import { type CalendarBatch, cancelBatch, refreshRobot, rescheduleBatch, useBatch, useSlots } from '../robot.api';
import { formatMinutes } from '../robot.rules';
import { chosenStart, type StartChoice, StartPicker, startLabel } from './StartPicker';

function BatchBody({ target, onDone }: { target: CalendarBatch; onDone: () => void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const batch = useBatch(target.id);
  const [moving, setMoving] = useState(false);
  // Cancelling sends the orders back to planning: one click more, as for an order.
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [choice, setChoice] = useState<StartChoice>({ picked: '', date: '', time: '' });
  const movable = target.mine && target.status === 'booked';
  const slots = useSlots(batch.data?.robotId ?? 0, moving ? target.orderIds : [], target.id);
  const done = async (message: string) => {
    await refreshRobot(queryClient);
    notifySaved(message);
    onDone();
  };
  const move = useMutation({
    mutationFn: (start: string) => rescheduleBatch(target.id, start),
    onSuccess: (b) => done(t('robot.batch.moved', { start: formatDateTime(b.start) })),
  });
  const cancel = useMutation({
    mutationFn: () => cancelBatch(target.id),
    onSuccess: () => done(t('robot.batch.cancelled')),
  });
  const b = batch.data;
  // The batch's own start is where it already is, not a move.
  const starts = slots.data?.starts.filter((s) => !b || Date.parse(s) !== Date.parse(b.start));
  const picked = choice.picked || starts?.[0] || 'other';
  const start = chosenStart({ ...choice, picked });
  const sameStart = start !== null && b !== undefined && Date.parse(start) === Date.parse(b.start);
  return (
    <Stack>
      <QueryState query={batch} />
      {b ? (
        <>
          <Group gap="xs">
            <Badge>{t(`robot.status.${b.status}`)}</Badge>
            {b.slotMissed ? <Badge color="orange">{t('robot.status.slotMissed')}</Badge> : null}
            <Text size="sm">
              {startLabel(b.start, lang)}–{formatTime(b.end)} · {b.pharmacyName}
            </Text>
          </Group>
          <Text size="sm">
            {t('robot.batch.breakdown', {
              total: formatMinutes(b.durationMinutes),
              setup: b.breakdown.setup,
              pouches: b.breakdown.pouches,
              manual: b.breakdown.manual,
              cleaning: b.breakdown.cleaning,
            })}
          </Text>
          <Table aria-label={t('robot.batch.orders')}>
            <Table.Tbody>
              {b.orders.map((o) => (
                <Table.Tr key={o.orderId}>
                  <Table.Td>{o.careHomeName}</Table.Td>
                  <Table.Td>{weekLabel(t, o.week)}</Table.Td>
                  <Table.Td>{t('robot.batch.pouches', { count: o.pouches, manual: o.manualUnits })}</Table.Td>
                  <Table.Td>{t('robot.batch.deadline', { at: formatDateTime(o.deadline) })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      {move.error || cancel.error ? <RefusalAlert>{describeError(t, move.error ?? cancel.error)}</RefusalAlert> : null}
      {moving && starts ? <StartPicker starts={starts} value={{ ...choice, picked }} onChange={setChoice} /> : null}
      {moving && sameStart ? (
        <Text size="sm" c="orange.8" role="status">
          {t('robot.batch.sameStart')}
        </Text>
      ) : null}
      {confirmingCancel ? (
        <Alert color="red" data-testid="batch-cancel-confirm">
          {t('robot.batch.cancelConfirm', { count: target.orderIds.length })}
        </Alert>
      ) : null}
      {confirmingCancel ? (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmingCancel(false)}>
            {t('common.back')}
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('robot.batch.cancel')}
          </Button>
        </Group>
      ) : (
        // Cancelling, apart on the left; moving and the batch's page on the right. A batch its pharmacy
        // can still change has no « Fermer » (the cross and Escape close): four buttons wrapped on a tablet.
        <Group justify={movable && !moving ? 'space-between' : 'flex-end'}>
          {movable && !moving ? (
            <Button color="red" variant="light" onClick={() => setConfirmingCancel(true)}>
              {t('robot.batch.cancel')}
            </Button>
          ) : (
            <Button variant="default" onClick={onDone}>
              {t('common.close')}
            </Button>
          )}
          <Group gap="sm">
            {movable && !moving ? (
              <Button variant="light" onClick={() => setMoving(true)}>
                {t('robot.batch.move')}
              </Button>
            ) : null}
            <Button component={Link} to={`/robot/batches/${target.id}`} variant="light">
              {t('production.open')}
            </Button>
            {moving ? (
              <Button
                disabled={!start || sameStart}
                loading={move.isPending}
                onClick={() => start && move.mutate(start)}
              >
                {t('robot.batch.moveSubmit')}
              </Button>
            ) : null}
          </Group>
        </Group>
      )}
    </Stack>
  );
}

/** A batch of the calendar: its orders and times; its pharmacy may move or cancel it before production. */
export function BatchDialog({ batch, onClose }: { batch: CalendarBatch | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  return (
    <TargetDialog
      target={batch}
      size="lg"
      title={(b) => t('robot.batch.title', { pharmacy: b.pharmacyName })}
      onClose={onClose}
    >
      {(b) => <BatchBody target={b} onDone={onClose} />}
    </TargetDialog>
  );
}
