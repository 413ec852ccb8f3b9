import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconCalendarTime, IconClockExclamation, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { isoWeek } from '../../../../server/shared/dates';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { formatDateTime } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { type BatchDetail, refreshProduction } from '../production.api';
import { cancelBatch, refreshRobot } from '../robot.api';

/**
 * A booked batch whose slot went by without production (`slotMissed`, SPEC §6): says so, and the
 * way out — start it (the page's start button) while, started at the earliest the robot is free in
 * its hours (`startOutlook`, from the server), it still ends before its orders' deadline; move it
 * from the week's calendar; or cancel it (its pharmacy's staff) so its orders go back to
 * "submitted" and are planned again.
 */
export function SlotMissedPanel({ batch, now, mayRun }: { batch: BatchDetail; now: Date; mayRun: boolean }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => cancelBatch(batch.id),
    onSuccess: async () => {
      await Promise.all([refreshProduction(queryClient), refreshRobot(queryClient)]);
      notifySaved(t('production.slotMissed.cancelled'));
      setConfirming(false);
    },
  });
  const mayCancel =
    user.role === 'admin' ||
    ((user.role === 'pharmacist' || user.role === 'technician') && user.pharmacy?.id === batch.pharmacyId);
  const outlook = batch.startOutlook;
  const inTime = outlook?.inTime === true;
  const earliest = outlook?.earliestStart ?? null;
  // The robot is busy (or closed) now: the earliest start is later than a minute from now.
  const later = earliest !== null && Date.parse(earliest) - now.getTime() > 60_000;
  const start = formatDateTime(batch.start);
  const params = {
    start,
    deadline: outlook?.deadline ? formatDateTime(outlook.deadline) : '',
    earliest: earliest ? formatDateTime(earliest) : '',
    end: outlook?.end ? formatDateTime(outlook.end) : '',
  };
  const body =
    mayRun || mayCancel
      ? t(
          inTime
            ? later
              ? 'production.slotMissed.inTimeLater'
              : 'production.slotMissed.inTime'
            : later
              ? 'production.slotMissed.lateLater'
              : 'production.slotMissed.late',
          params,
        )
      : t('production.slotMissed.others', { start });
  return (
    <Alert
      color="orange"
      icon={<IconClockExclamation />}
      title={t('production.slotMissed.title')}
      data-testid="batch-slot-missed"
      data-in-time={inTime}
      data-earliest-start={earliest ?? undefined}
    >
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        {mayRun || mayCancel ? (
          <Group gap="sm">
            <Anchor
              component={Link}
              to={`/robot?week=${encodeURIComponent(isoWeek(new Date(batch.start)))}`}
              size="sm"
              underline="always"
              c="inherit"
            >
              <Group gap={4} component="span">
                <IconCalendarTime size={14} />
                {t('production.slotMissed.calendar')}
              </Group>
            </Anchor>
            {mayCancel ? (
              <Button
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconX size={14} />}
                onClick={() => setConfirming(true)}
              >
                {t('production.slotMissed.cancel')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('production.slotMissed.cancelTitle', { id: batch.id })}
        message={t('production.slotMissed.cancelBody', { count: batch.orders.length })}
        confirmLabel={t('production.slotMissed.cancel')}
        color="red"
        loading={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate()}
        onClose={() => {
          cancel.reset();
          setConfirming(false);
        }}
      />
    </Alert>
  );
}
