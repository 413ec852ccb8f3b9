import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Translate, useI18n } from '../../i18n/i18n';
import { weekDates } from '../../orders/components/OrderBits';
import { Dialog } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { type DisplayLang, formatCount, formatTime } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { RefusalAlert } from '../../shared/RefusalAlert';
import { type PendingOrder, type PlanResult, planWeek, ROBOT_KEY, refreshRobot } from '../robot.api';
import { changedPlanOf, formatMinutes } from '../robot.rules';
import { startLabel } from './StartPicker';

/** Why an order is left out, in minutes and instants (from the planner's numbers). */
export function unplacedSentence(t: Translate, lang: DisplayLang, u: PlanResult['unplaced'][number]): string {
  const params = {
    needed: formatMinutes(u.neededMinutes),
    free: formatMinutes(u.freeMinutes),
    deadline: startLabel(u.deadline, lang),
    cutoff: startLabel(u.earliestStart, lang),
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
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const planKey = [...ROBOT_KEY, 'plan', robotId, orderWeek];
  const proposal = useQuery({
    queryKey: planKey,
    queryFn: () => planWeek({ robotId, orderWeek, apply: false }),
    enabled: opened,
    gcTime: 0,
    staleTime: 0,
  });
  // Set when the plan moved between the preview and "Apply": the new one is shown instead.
  const [changed, setChanged] = useState(false);
  const apply = useMutation({
    // Books exactly the plan on screen: the server refuses (409) if it is no longer the plan.
    mutationFn: (fingerprint: string) => planWeek({ robotId, orderWeek, apply: true, fingerprint }),
    onSuccess: async (result) => {
      setChanged(false);
      await refreshRobot(queryClient);
      notifySaved(t('robot.plan.applied', { count: result.batches.length }));
      onClose();
    },
    onError: (error) => {
      const next = changedPlanOf(error);
      if (!next) return;
      queryClient.setQueryData(planKey, next);
      setChanged(true);
      void refreshRobot(queryClient);
    },
  });
  const failure = apply.error && !changedPlanOf(apply.error) ? apply.error : null;
  const careHomes = (ids: number[]) =>
    ids.map((id) => orders.find((o) => o.orderId === id)?.careHomeName ?? `#${id}`).join(', ');
  // The batch must end before the first of its orders' deadlines (delivery less the pharmacist's control time).
  const deadline = (ids: number[]) =>
    ids
      .map((id) => orders.find((o) => o.orderId === id)?.deadline)
      .filter((d): d is string => d !== undefined)
      .sort()[0];
  const plan = proposal.data;
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('robot.plan.title', { number: Number(orderWeek.slice(6)), dates: weekDates(t, orderWeek) })}
    >
      <Stack>
        <QueryState query={proposal} />
        {failure ? <RefusalAlert>{describeError(t, failure)}</RefusalAlert> : null}
        {changed ? (
          <Alert color="orange" role="alert" title={t('robot.plan.changedTitle')} data-testid="plan-changed">
            {t('robot.plan.changed')}
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
                    <Table.Th ta="right">{t('robot.plan.pouches')}</Table.Th>
                    <Table.Th>{t('robot.plan.duration')}</Table.Th>
                    <Table.Th>{t('robot.pending.deadline')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.batches.map((b) => (
                    <Table.Tr key={b.start}>
                      <Table.Td>
                        {startLabel(b.start, lang)}–{formatTime(b.end)}
                      </Table.Td>
                      <Table.Td>{careHomes(b.orderIds)}</Table.Td>
                      <Table.Td ta="right">{formatCount(b.pouches)}</Table.Td>
                      <Table.Td>{formatMinutes(b.durationMinutes)}</Table.Td>
                      <Table.Td>
                        {deadline(b.orderIds) ? startLabel(deadline(b.orderIds) as string, lang) : '—'}
                      </Table.Td>
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
                      <strong>{careHomes([u.orderId])}</strong> — {unplacedSentence(t, lang, u)}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
          </>
        ) : null}
        {/* Said before the buttons, where it is read before choosing. */}
        {plan && plan.batches.length > 0 ? (
          <Text size="xs" c="dimmed">
            {t('robot.plan.hint')}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!plan || plan.batches.length === 0}
            loading={apply.isPending}
            onClick={() => plan && apply.mutate(plan.fingerprint)}
          >
            {t('robot.plan.apply')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
