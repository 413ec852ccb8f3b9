import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Translate, useI18n } from '../../i18n/i18n';
import { Dialog } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { formatTime } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { type PendingOrder, type PlanResult, planWeek, ROBOT_KEY, refreshRobot } from '../robot.api';
import { formatMinutes } from '../robot.rules';
import { startLabel } from './StartPicker';

/** Why an order is left out, in minutes and instants (from the planner's numbers). */
export function unplacedSentence(t: Translate, u: PlanResult['unplaced'][number]): string {
  const params = {
    needed: formatMinutes(u.neededMinutes),
    free: formatMinutes(u.freeMinutes),
    deadline: startLabel(u.deadline),
    cutoff: startLabel(u.earliestStart),
  };
  return t(`robot.plan.reason.${u.reason}`, params);
}

/**
 * "Auto-plan this week": the planner's proposal (a dry run), the orders it cannot place with
 * why, then "Apply" books the whole proposal at once.
 */
export function PlanDialog({
  robotId,
  orderWeek,
  orders,
  opened,
  onClose,
}: {
  robotId: number;
  orderWeek: string;
  /** Pending orders, to name care homes in the proposal. */
  orders: PendingOrder[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const proposal = useQuery({
    queryKey: [...ROBOT_KEY, 'plan', robotId, orderWeek],
    queryFn: () => planWeek({ robotId, orderWeek, apply: false }),
    enabled: opened,
    gcTime: 0,
    staleTime: 0,
  });
  const apply = useMutation({
    mutationFn: () => planWeek({ robotId, orderWeek, apply: true }),
    onSuccess: async (result) => {
      await refreshRobot(queryClient);
      notifySaved(t('robot.plan.applied', { count: result.batches.length }));
      onClose();
    },
  });
  const careHomes = (ids: number[]) =>
    ids.map((id) => orders.find((o) => o.orderId === id)?.careHomeName ?? `#${id}`).join(', ');
  const plan = proposal.data;
  return (
    <Dialog opened={opened} onClose={onClose} size="lg" title={t('robot.plan.title', { week: orderWeek })}>
      <Stack>
        <QueryState query={proposal} />
        {apply.error ? (
          <Alert color="red" role="alert">
            {describeError(t, apply.error)}
          </Alert>
        ) : null}
        {plan ? (
          <>
            {plan.batches.length === 0 && plan.unplaced.length === 0 ? <Text>{t('robot.plan.nothing')}</Text> : null}
            {plan.batches.length > 0 ? (
              <Table aria-label={t('robot.plan.proposal')} data-testid="plan-proposal">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('robot.plan.when')}</Table.Th>
                    <Table.Th>{t('robot.plan.careHomes')}</Table.Th>
                    <Table.Th>{t('robot.plan.duration')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.batches.map((b) => (
                    <Table.Tr key={b.start}>
                      <Table.Td>
                        {startLabel(b.start)}–{formatTime(b.end)}
                      </Table.Td>
                      <Table.Td>{careHomes(b.orderIds)}</Table.Td>
                      <Table.Td>{formatMinutes(b.durationMinutes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {plan.unplaced.length > 0 ? (
              <Alert color="orange" title={t('robot.plan.unplaced')} data-testid="plan-unplaced">
                <List size="sm">
                  {plan.unplaced.map((u) => (
                    <List.Item key={u.orderId}>
                      <strong>{careHomes([u.orderId])}</strong> — {unplacedSentence(t, u)}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!plan || plan.batches.length === 0}
            loading={apply.isPending}
            onClick={() => apply.mutate()}
          >
            {t('robot.plan.apply')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('robot.plan.hint')}
        </Text>
      </Stack>
    </Dialog>
  );
}
