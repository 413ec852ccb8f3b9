import { ActionIcon, Alert, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { refreshRobot, saveWindows, type WorkingWindow } from '../robot.api';

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** The weekly working windows (Paris time), edited as rows and saved at once. */
export function WindowsPanel({ robotId, windows }: { robotId: number; windows: WorkingWindow[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(windows);
  const save = useMutation({
    mutationFn: () => saveWindows(robotId, rows),
    onSuccess: async () => {
      await refreshRobot(queryClient);
      notifySaved(t('robot.admin.windowsSaved'));
    },
  });
  const set = (i: number, patch: Partial<WorkingWindow>) =>
    setRows((old) => old.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <Stack maw={640}>
      {save.error ? (
        <Alert color="red" role="alert">
          {describeError(t, save.error)}
        </Alert>
      ) : null}
      <Table aria-label={t('robot.admin.windows')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('robot.admin.weekday')}</Table.Th>
            <Table.Th>{t('robot.admin.from')}</Table.Th>
            <Table.Th>{t('robot.admin.to')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
            <Table.Tr key={i}>
              <Table.Td>
                <Select
                  aria-label={t('robot.admin.weekday')}
                  data={DAYS.map((d, j) => ({ value: String(j + 1), label: d }))}
                  value={String(w.weekday)}
                  onChange={(v) => set(i, { weekday: Number(v) })}
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('robot.admin.from')}
                  value={w.start}
                  onChange={(e) => set(i, { start: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('robot.admin.to')}
                  value={w.end}
                  onChange={(e) => set(i, { end: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('robot.admin.removeWindow')}
                  onClick={() => setRows((old) => old.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => setRows((old) => [...old, { weekday: 1, start: '08:30', end: '12:30' }])}
        >
          {t('robot.admin.addWindow')}
        </Button>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
