import { Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { ApiError } from '../../shared/api';
import { TargetDialog } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { LeaveGuard } from '../../shared/LeaveGuard';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { RefusalAlert } from '../../shared/RefusalAlert';
import { bookBatch, type PendingOrder, refreshRobot, useSlots } from '../robot.api';
import { formatMinutes } from '../robot.rules';
import { chosenStart, type StartChoice, StartPicker } from './StartPicker';

/** Next starts sent back with a 409 robot.slot_taken, to offer them at once. */
function nextStartsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'robot.slot_taken' || !Array.isArray(error.details)) return [];
  const first = error.details[0] as { nextStarts?: string[] } | undefined;
  return first?.nextStarts ?? [];
}

function BookForm({
  robotId,
  order,
  onDone,
}: {
  robotId: number;
  order: PendingOrder;
  onDone: (booked?: { start: string }) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const slots = useSlots(robotId, [order.orderId]);
  const [choice, setChoice] = useState<StartChoice>({ picked: '', date: '', time: '' });
  const book = useMutation({
    mutationFn: (start: string) => bookBatch({ robotId, start, orderIds: [order.orderId] }),
    onSuccess: async (batch) => {
      await refreshRobot(queryClient);
      notifySaved(t('robot.book.done', { start: formatDateTime(batch.start) }));
      onDone(batch);
    },
  });
  const retried = nextStartsOf(book.error);
  const starts = retried.length > 0 ? retried : (slots.data?.starts ?? []);
  const current = choice.picked || starts[0] || 'other';
  const start = chosenStart({ ...choice, picked: current });
  return (
    <Stack>
      {/* A start typed by hand (« Autre horaire ») is not lost by Back, a link, a reload or Escape. */}
      <LeaveGuard
        unsaved={() => current === 'other' && (choice.date !== '' || choice.time !== '') && !book.isPending}
      />
      <Text size="sm">
        {t('robot.book.summary', {
          careHome: order.careHomeName,
          week: weekLabel(t, order.week),
          duration: formatMinutes(order.durationMinutes),
          cutoff: formatDateTime(order.cutoffAt),
          deadline: formatDateTime(order.deadline),
        })}
      </Text>
      {book.error ? <RefusalAlert>{describeError(t, book.error)}</RefusalAlert> : null}
      {slots.data || slots.error ? (
        <StartPicker starts={starts} value={{ ...choice, picked: current }} onChange={setChoice} />
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onDone()}>
          {t('common.cancel')}
        </Button>
        <Button disabled={!start} loading={book.isPending} onClick={() => start && book.mutate(start)}>
          {t('robot.book.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Books one pending order at a proposed free start (or a typed one). */
export function BookDialog({
  robotId,
  order,
  onClose,
}: {
  robotId: number;
  order: PendingOrder | null;
  /** Closed, with the batch when one was booked. */
  onClose: (booked?: { start: string }) => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog target={order} title={(o) => t('robot.book.title', { careHome: o.careHomeName })} onClose={onClose}>
      {(o) => <BookForm robotId={robotId} order={o} onDone={onClose} />}
    </TargetDialog>
  );
}
