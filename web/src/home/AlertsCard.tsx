import { ActionIcon, Anchor, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isoWeekDays } from '../../../server/shared/dates';
import { ALERTS_KEY, type AlertItem, alertLink, dismissAlert, reopenAlert, useAlerts } from '../alerts/alerts.api';
import { isMessageKey, useI18n } from '../i18n/i18n';
import { displayParam, formatCalendarDate } from '../shared/format';
import { useMutation } from '../shared/mutation';
import { CardList } from './CardList';
import { TodoCard } from './TodoCard';

const ISO_WEEK = /^\d{4}-W\d{2}$/;

/**
 * Alert parameters as shown: calendar dates as dd/MM/yyyy, the rest as sent. An order alert
 * stored before its message named the week's number and days carries only `week`: those are
 * derived from it, so its message has no unfilled placeholder.
 */
export const alertDisplayParams = (params: AlertItem['params']) => {
  const week = params.week;
  const derived =
    typeof week === 'string' && ISO_WEEK.test(week) && params.weekNumber === undefined
      ? { weekNumber: Number(week.slice(6)), weekFrom: isoWeekDays(week)[0] ?? '', weekTo: isoWeekDays(week)[6] ?? '' }
      : {};
  return Object.fromEntries(
    Object.entries({ ...derived, ...params }).map(([name, value]) => [name, displayParam(value)]),
  );
};

/**
 * Alerts raised by jobs and use cases for the caller's scope; message keys live in the catalogue.
 * Each message links to where it is acted on; a dismissal can be undone from the notice it shows.
 */
export function AlertsCard() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const alerts = useAlerts();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
  const reopen = useMutation({ mutationFn: reopenAlert, onSuccess: refresh });
  const dismiss = useMutation({
    mutationFn: dismissAlert,
    onSuccess: (alert) => {
      const id = `alert-dismissed-${alert.id}`;
      notifications.show({
        id,
        color: 'teal',
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t('home.alerts.dismissed')}</Text>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                notifications.hide(id);
                reopen.mutate(alert.id);
              }}
            >
              {t('home.alerts.undo')}
            </Button>
          </Group>
        ),
      });
      return refresh();
    },
  });
  const items = alerts.data ?? [];
  // A domain that raises alerts adds its message keys to the catalogues; until then, say what kind it is.
  const message = (alert: AlertItem) =>
    isMessageKey(alert.messageKey)
      ? t(alert.messageKey, alertDisplayParams(alert.params))
      : t('home.alerts.unknown', { kind: alert.kind });
  return (
    <TodoCard
      testId="card-alerts"
      icon={IconBell}
      title={t('home.alerts.title')}
      count={alerts.data ? items.length : undefined}
      empty={t('home.alerts.empty')}
      link={{ to: '/alerts', label: t('home.alerts.all') }}
    >
      {items.length > 0 ? (
        <CardList items={items} itemKey={(alert) => alert.id} moreTo="/alerts">
          {(alert) => (
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div>
                {alertLink(alert) ? (
                  <Anchor component={Link} to={alertLink(alert) ?? '/alerts'} size="sm" c="inherit">
                    {message(alert)}
                  </Anchor>
                ) : (
                  <Text size="sm">{message(alert)}</Text>
                )}
                <Text size="xs" c="dimmed">
                  {formatCalendarDate(alert.raisedOn)}
                </Text>
              </div>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('home.alerts.dismiss')}
                loading={dismiss.isPending && dismiss.variables === alert.id}
                onClick={() => dismiss.mutate(alert.id)}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          )}
        </CardList>
      ) : undefined}
    </TodoCard>
  );
}
