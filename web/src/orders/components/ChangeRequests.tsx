import { Badge, Button, Card, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { RefuseBody } from '../../../../server/orders/orders.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { acceptChange, type ChangeRequest, refreshOrders, refuseChange } from '../orders.api';
import { weekLabel } from './OrderBits';

const STATUS_COLORS = { pending: 'orange', accepted: 'teal', refused: 'red' } as const;

function RefuseForm({ request, onDone }: { request: ChangeRequest; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: RefuseBody,
    initialValues: { reason: '' },
    submit: (body) => refuseChange(request.id, body.reason),
    onSuccess: async () => {
      await refreshOrders(queryClient);
      notifySaved(t('orders.change.refused'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('orders.change.refuse')} submitColor="red" onCancel={onDone}>
      <Text size="sm">{request.message}</Text>
      <Textarea
        label={t('orders.change.refuseReason')}
        required
        autosize
        minRows={2}
        data-autofocus
        {...dialog.form.getInputProps('reason')}
      />
    </DialogForm>
  );
}

/**
 * Late change requests, newest first, with what each asks; staff of the serving pharmacy accept
 * (its absences apply and the order is recomputed) or refuse with a reason.
 */
export function ChangeRequestList({
  requests,
  canDecide,
  showOrder,
  residentName,
}: {
  requests: ChangeRequest[];
  canDecide: boolean;
  /** Name the care home and week, with a link to the order (the pharmacist's inbox). */
  showOrder?: boolean;
  residentName?: (residentId: number) => string | undefined;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState<ChangeRequest | null>(null);
  const accept = useMutation({
    mutationFn: acceptChange,
    onSuccess: async () => {
      await refreshOrders(queryClient);
      notifySaved(t('orders.change.accepted'));
    },
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  return (
    <Stack gap="sm">
      {requests.map((request) => (
        <Card key={request.id} withBorder padding="sm" data-testid={`change-request-${request.id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              {showOrder ? (
                <Text size="sm" fw={600} component={Link} to={`/orders/${request.orderId}`} c="teal.8">
                  {t('orders.change.orderLine', { careHome: request.careHomeName, week: weekLabel(t, request.week) })}
                </Text>
              ) : null}
              <Text size="sm">{request.message}</Text>
              {request.absences.length > 0 ? (
                <List size="sm" spacing={0}>
                  {request.absences.map((a) => (
                    <List.Item key={`${a.residentId}-${a.from}`}>
                      {t('orders.change.absenceLine', {
                        name: a.name || residentName?.(a.residentId) || `#${a.residentId}`,
                        from: formatCalendarDate(a.from),
                        to: formatCalendarDate(a.to),
                      })}
                    </List.Item>
                  ))}
                </List>
              ) : null}
              <Text size="xs" c="dimmed">
                {t('orders.change.by', { name: request.createdByName ?? '—', at: formatDateTime(request.createdAt) })}
              </Text>
              {request.refusalReason ? (
                <Text size="sm" c="red.8">
                  {t('orders.change.refusedBecause', { reason: request.refusalReason })}
                </Text>
              ) : null}
            </Stack>
            <Stack gap="xs" align="flex-end">
              <Badge color={STATUS_COLORS[request.status]} variant="light">
                {t(`orders.change.status.${request.status}`)}
              </Badge>
              {canDecide && request.status === 'pending' ? (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    color="teal"
                    leftSection={<IconCheck size={16} />}
                    loading={accept.isPending && accept.variables === request.id}
                    onClick={() => accept.mutate(request.id)}
                  >
                    {t('orders.change.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    leftSection={<IconX size={16} />}
                    onClick={() => setRefusing(request)}
                  >
                    {t('orders.change.refuse')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Group>
        </Card>
      ))}
      <TargetDialog target={refusing} title={t('orders.change.refuseTitle')} onClose={() => setRefusing(null)}>
        {(request) => <RefuseForm request={request} onDone={() => setRefusing(null)} />}
      </TargetDialog>
    </Stack>
  );
}
