import { ActionIcon, Alert, Button, Group, List, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { describeError } from '../../shared/errors';
import { formatDateTime, formatEndDateTime, formatTime } from '../../shared/format';
import { upperFirst } from '../../shared/french';
import { LeaveGuard } from '../../shared/LeaveGuard';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { serverNow } from '../../shared/server-clock';
import { addClosure, type Closure, refreshRobot, removeClosure } from '../robot.api';
import { typedStart } from './StartPicker';

type BlockingBatch = { id: number; start: string; end: string; status: string; pharmacyName: string };

/** The batches a refused closure names (409 `robot.closure_over_batches`), or null. */
function blockingBatches(error: unknown): BlockingBatch[] | null {
  if (!(error instanceof ApiError) || error.code !== 'robot.closure_over_batches') return null;
  return Array.isArray(error.details) ? (error.details as BlockingBatch[]) : null;
}

/** Closures (maintenance, public holidays…) still to come, and a form to add one. */
export function ClosuresPanel({
  robotId,
  closures,
  formFirst = false,
}: {
  robotId: number;
  closures: Closure[];
  formFirst?: boolean;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    fromDate: '',
    fromTime: '08:30',
    toDate: '',
    toTime: '18:30',
    reason: '',
    kind: 'maintenance',
  });
  const start = typedStart(form.fromDate, form.fromTime);
  const end = typedStart(form.toDate || form.fromDate, form.toTime);
  const add = useMutation({
    // The batches to cancel are those the refusal listed: a period widened since refuses again.
    mutationFn: (cancelBatches: number[] | null) =>
      addClosure(robotId, {
        start: start ?? '',
        end: end ?? '',
        reason: form.reason,
        kind: form.kind as Closure['kind'],
        cancelBatches: cancelBatches ?? undefined,
      }),
    onSuccess: async (_closure, cancelBatches) => {
      await refreshRobot(queryClient);
      notifySaved(t(cancelBatches ? 'robot.admin.closureAddedCancelled' : 'robot.admin.closureAdded'));
      setForm((f) => ({ ...f, reason: '' }));
    },
  });
  // A field changed: what the last refusal listed no longer describes the closure typed.
  const edit = (change: Partial<typeof form>) => {
    add.reset();
    setForm({ ...form, ...change });
  };
  // Booked batches in the way (a breakdown): the admin may close anyway and cancel them.
  const blocking = blockingBatches(add.error);
  const cancellable = blocking !== null && blocking.every((b) => b.status === 'booked');
  const listed = blocking?.map((b) => (
    <List.Item key={b.id}>
      {t('robot.admin.overBatch', {
        id: b.id,
        pharmacy: b.pharmacyName,
        start: formatDateTime(b.start),
        endTime: formatTime(b.end),
      })}
      {b.status === 'booked' ? null : ` (${t(`robot.status.${b.status as 'produced'}`)})`}
    </List.Item>
  ));
  // Removing a closure reopens the robot then: asked first (one click on the wrong row removed Christmas).
  const [removing, setRemoving] = useState<Closure | null>(null);
  const remove = useMutation({
    mutationFn: removeClosure,
    onSuccess: async () => {
      await refreshRobot(queryClient);
      setRemoving(null);
      notifySaved(t('robot.admin.closureRemoved'));
    },
  });
  const now = serverNow().toISOString();
  const upcoming = closures.filter((c) => c.end > now);
  const confirmRemove = (
    <ConfirmModal
      opened={removing !== null}
      title={t('robot.admin.removeTitle')}
      message={
        removing
          ? t('robot.admin.removeConfirm', {
              reason: removing.reason,
              from: formatDateTime(removing.start),
              to: formatEndDateTime(removing.end),
            })
          : ''
      }
      confirmLabel={t('robot.admin.removeSubmit')}
      cancelLabel={t('common.back')}
      color="red"
      loading={remove.isPending}
      error={remove.error}
      onConfirm={() => removing?.id != null && remove.mutate(removing.id)}
      onClose={() => setRemoving(null)}
    />
  );
  const table = (
    <Table aria-label={t('robot.admin.closures')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('robot.admin.from')}</Table.Th>
          <Table.Th>{t('robot.admin.to')}</Table.Th>
          <Table.Th>{t('robot.admin.reason')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {upcoming.map((c) => (
          <Table.Tr key={c.id ?? `${c.kind}-${c.start}`}>
            <Table.Td>{formatDateTime(c.start)}</Table.Td>
            <Table.Td>{formatEndDateTime(c.end)}</Table.Td>
            <Table.Td>
              {c.reason} ({t(`robot.closureKind.${c.kind}`)})
            </Table.Td>
            <Table.Td>
              {c.id === null ? (
                <Text size="xs" c="dimmed">
                  {t('robot.admin.computedHoliday')}
                </Text>
              ) : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('robot.admin.removeClosure', { reason: c.reason })}
                  onClick={() => {
                    remove.reset();
                    setRemoving(c);
                  }}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  const feedback = (
    <>
      {add.error && cancellable ? (
        <Alert color="orange" role="alert" data-testid="closure-over-batches">
          <Stack gap="xs">
            <Text size="sm">{t('robot.admin.overBatches', { count: blocking.length })}</Text>
            <List size="sm">{listed}</List>
            <Text size="sm">{t('robot.admin.overBatchesHint')}</Text>
            <Group>
              <Button color="red" loading={add.isPending} onClick={() => add.mutate(blocking.map((b) => b.id))}>
                {t('robot.admin.closeAndCancel', { count: blocking.length })}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : add.error && blocking ? (
        // Started, produced or verified: no closure over them.
        <Alert color="red" role="alert" data-testid="closure-over-started">
          <Stack gap="xs">
            <Text size="sm">{t('robot.admin.overStarted', { count: blocking.length })}</Text>
            <List size="sm">{listed}</List>
          </Stack>
        </Alert>
      ) : add.error ? (
        <Alert color="red" role="alert">
          {describeError(t, add.error)}
        </Alert>
      ) : null}
    </>
  );
  const fields = (
    <Group align="flex-end" wrap="wrap">
      {/* A breakdown's motif typed and not added is not lost by Back, a link or a reload. */}
      <LeaveGuard unsaved={() => form.reason.trim() !== '' && !add.isPending} />
      <TextInput
        label={t('robot.admin.fromDate')}
        placeholder="jj/mm/aaaa"
        value={form.fromDate}
        onChange={(e) => edit({ fromDate: e.currentTarget.value })}
        w={130}
      />
      <TextInput
        label={t('robot.book.time')}
        value={form.fromTime}
        onChange={(e) => edit({ fromTime: e.currentTarget.value })}
        w={80}
      />
      <TextInput
        label={t('robot.admin.toDate')}
        placeholder="jj/mm/aaaa"
        value={form.toDate}
        onChange={(e) => edit({ toDate: e.currentTarget.value })}
        w={130}
      />
      <TextInput
        label={t('robot.book.time')}
        value={form.toTime}
        onChange={(e) => edit({ toTime: e.currentTarget.value })}
        w={80}
      />
      <Select
        label={t('robot.admin.kind')}
        data={['maintenance', 'public_holiday', 'other'].map((k) => ({
          value: k,
          label: upperFirst(t(`robot.closureKind.${k as Closure['kind']}`)),
        }))}
        value={form.kind}
        onChange={(v) => edit({ kind: v ?? 'maintenance' })}
        allowDeselect={false}
        w={160}
      />
      <TextInput
        label={t('robot.admin.reason')}
        value={form.reason}
        onChange={(e) => edit({ reason: e.currentTarget.value })}
        style={{ flex: 1, minWidth: 180 }}
      />
      <Button disabled={!start || !end || !form.reason.trim()} loading={add.isPending} onClick={() => add.mutate(null)}>
        {t('robot.admin.addClosure')}
      </Button>
    </Group>
  );
  // From the robot's page (a breakdown), the form comes first; the settings page lists first.
  return formFirst ? (
    <Stack>
      {fields}
      {feedback}
      {table}
      {confirmRemove}
    </Stack>
  ) : (
    <Stack>
      {table}
      {feedback}
      {fields}
      {confirmRemove}
    </Stack>
  );
}
