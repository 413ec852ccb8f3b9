import { Anchor, List, Text } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { Link } from 'react-router';
import { TodoCard } from '../../home/TodoCard';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { usePendingOrders, useRobots } from '../robot.api';
import { weekOfInstant } from '../robot.rules';
import { startLabel } from './StartPicker';

/** Home card: my care homes' orders not yet in a batch, with their deadlines and a link to the calendar. */
export function PendingOrdersCard() {
  const { t, lang } = useI18n();
  const robots = useRobots();
  const robot = robots.data?.[0];
  const pending = usePendingOrders(robot?.id);
  const orders = pending.data ?? [];
  return (
    <TodoCard
      testId="card-robot-pending"
      icon={IconCalendarTime}
      title={t('home.robotPending.title')}
      count={pending.data ? orders.length : undefined}
      empty={t('home.robotPending.empty')}
      link={{ to: '/robot', label: t('home.robotPending.open') }}
    >
      {orders.length > 0 ? (
        <List size="sm" spacing={4}>
          {orders.slice(0, 5).map((o) => (
            <List.Item key={o.orderId}>
              <Anchor component={Link} to={`/robot?week=${weekOfInstant(o.deadline)}`}>
                {o.careHomeName}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {t('home.robotPending.line', { week: weekLabel(t, o.week), deadline: startLabel(o.deadline, lang) })}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : undefined}
    </TodoCard>
  );
}
