import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import { type Robot, refreshRobot, updateRobot } from '../robot.api';

const FIELDS = [
  'ratePerMinute',
  'setupMinutes',
  'cleaningMinutes',
  'manualSecondsPerUnit',
  'controlMinutes',
  'cassetteSlots',
] as const;

/** The robot's name and throughput figures (SPEC §6), saved together. */
export function RobotSettingsPanel({ robot }: { robot: Robot }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(robot.name);
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], number | string>>(() => ({ ...robot }));
  const save = useMutation({
    mutationFn: () => updateRobot(robot.id, { name, ...Object.fromEntries(FIELDS.map((f) => [f, Number(values[f])])) }),
    onSuccess: async () => {
      await refreshRobot(queryClient);
      notifySaved(t('robot.admin.saved'));
    },
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  return (
    <Stack maw={720}>
      <TextInput label={t('robot.admin.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {FIELDS.map((f) => (
          <WholeNumberInput
            key={f}
            label={t(`robot.admin.${f}`)}
            value={values[f]}
            min={0}
            onChange={(v) => setValues((old) => ({ ...old, [f]: v }))}
          />
        ))}
      </SimpleGrid>
      <Group>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
