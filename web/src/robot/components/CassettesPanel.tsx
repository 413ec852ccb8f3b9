import { Alert, Box, Button, Group, Stack } from '@mantine/core';
import { IconReplace, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { TargetDialog } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import { type Cassette, installCassette, refreshRobot, removeCassette, replaceCassette } from '../robot.api';

/** The cassettes in the robot (one product per slot), with install, recalibrate and remove. */
export function CassettesPanel({ robotId, cassettes }: { robotId: number; cassettes: Cassette[] | undefined }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [slot, setSlot] = useState<number | string>('');
  const [cip13, setCip13] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<Cassette | null>(null);
  const [replaceWith, setReplaceWith] = useState<string | null>(null);
  const done = async (message: string) => {
    await refreshRobot(queryClient);
    notifySaved(message);
  };
  const install = useMutation({
    mutationFn: () => installCassette(robotId, { slot: Number(slot), cip13: cip13 ?? '' }),
    onSuccess: (c) => done(t('robot.cassettes.installed', { slot: c.slot })),
  });
  const replace = useMutation({
    mutationFn: (c: Cassette) => replaceCassette(c.id, replaceWith ?? ''),
    onSuccess: (c) => {
      setReplacing(null);
      return done(t('robot.cassettes.replaced', { slot: c.slot }));
    },
  });
  const remove = useMutation({
    mutationFn: (c: Cassette) => removeCassette(c.id),
    onSuccess: (c) => done(t('robot.cassettes.removed', { slot: c.slot })),
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  const columns: Column<Cassette>[] = [
    { key: 'slot', header: t('robot.cassettes.slot'), cell: (c) => c.slot, sortBy: (c) => c.slot, width: 80 },
    {
      key: 'product',
      header: t('robot.cassettes.product'),
      cell: (c) => c.productLabel,
      sortBy: (c) => c.productLabel,
    },
    { key: 'cip13', header: 'CIP13', cell: (c) => c.cip13, visibleFrom: 'md' },
    { key: 'since', header: t('robot.cassettes.since'), cell: (c) => formatDate(c.installedAt), visibleFrom: 'md' },
  ];
  return (
    <Stack>
      {install.error ? (
        <Alert color="red" role="alert">
          {describeError(t, install.error)}
        </Alert>
      ) : null}
      <Group align="flex-end">
        <WholeNumberInput label={t('robot.cassettes.slot')} value={slot} onChange={setSlot} min={1} w={100} />
        <Box style={{ flex: 1, minWidth: 240 }}>
          <ProductSearch
            label={t('robot.cassettes.product')}
            value={cip13}
            onChange={(p) => setCip13(p?.cip13 ?? null)}
          />
        </Box>
        <Button disabled={!slot || !cip13} loading={install.isPending} onClick={() => install.mutate()}>
          {t('robot.cassettes.install')}
        </Button>
      </Group>
      <DataTable
        label={t('robot.cassettes.title')}
        columns={columns}
        rows={cassettes}
        rowKey={(c) => c.id}
        rowName={(c) => t('robot.cassettes.rowName', { slot: c.slot })}
        empty={t('robot.cassettes.empty')}
        pageSize={25}
        initialSort={{ key: 'slot', direction: 'asc' }}
        actions={(c) => [
          { label: t('robot.cassettes.replace'), icon: IconReplace, onClick: () => setReplacing(c) },
          { label: t('robot.cassettes.remove'), icon: IconTrash, color: 'red', onClick: () => remove.mutate(c) },
        ]}
      />
      <TargetDialog
        target={replacing}
        title={(c) => t('robot.cassettes.replaceTitle', { slot: c.slot, product: c.productLabel })}
        onClose={() => setReplacing(null)}
      >
        {(c) => (
          <Stack>
            {replace.error ? (
              <Alert color="red" role="alert">
                {describeError(t, replace.error)}
              </Alert>
            ) : null}
            <ProductSearch
              label={t('robot.cassettes.newProduct')}
              value={replaceWith}
              onChange={(p) => setReplaceWith(p?.cip13 ?? null)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReplacing(null)}>
                {t('common.cancel')}
              </Button>
              <Button disabled={!replaceWith} loading={replace.isPending} onClick={() => replace.mutate(c)}>
                {t('robot.cassettes.replace')}
              </Button>
            </Group>
          </Stack>
        )}
      </TargetDialog>
    </Stack>
  );
}
