import { Text } from '@mantine/core';
import { IconBuildingHospital, IconShieldLock, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { addCalendarDays, parisDate } from '../../../server/shared/dates';
import { useUsers } from '../admin/users.api';
import { useCareHomes } from '../care-homes/care-homes.api';
import { useI18n } from '../i18n/i18n';
import { PendingOrdersCard } from '../robot/components/PendingOrdersCard';
import { apiFetch } from '../shared/api';
import { serverNow } from '../shared/server-clock';
import { TodoCard } from './TodoCard';

/** Failed logins of the last 7 Paris days (today included): the figure on the admin's audit card. */
function useRecentFailedLogins() {
  const from = addCalendarDays(parisDate(serverNow()), -6);
  const count = useQuery({
    queryKey: ['audit', 'failed-logins', from],
    queryFn: async () =>
      (await apiFetch<{ total: number }>('/audit', { query: { action: 'auth.login_failed', from, pageSize: 1 } }))
        .total,
  });
  return { from, count };
}

export function AdminHome() {
  const { t } = useI18n();
  const users = useUsers();
  const careHomes = useCareHomes();
  const active = users.data?.filter((user) => user.active).length ?? 0;
  const failedLogins = useRecentFailedLogins();
  return (
    <>
      <TodoCard
        testId="card-users"
        icon={IconUsers}
        title={t('home.users.title')}
        link={{ to: '/admin/users', label: t('home.users.manage') }}
      >
        <Text>{users.data ? t('home.users.summary', { active, total: users.data.length }) : t('common.loading')}</Text>
      </TodoCard>
      <TodoCard
        testId="card-care-homes"
        icon={IconBuildingHospital}
        title={t('home.careHomes.title')}
        link={{ to: '/care-homes', label: t('home.careHomes.manage') }}
      >
        <Text>
          {careHomes.data ? t('home.careHomes.summary', { count: careHomes.data.length }) : t('common.loading')}
        </Text>
      </TodoCard>
      <TodoCard
        testId="card-audit"
        icon={IconShieldLock}
        title={t('home.audit.title')}
        count={failedLogins.count.data}
        link={{ to: '/admin/audit', label: t('home.audit.open') }}
      >
        <Text>
          {failedLogins.count.data !== undefined
            ? t('home.audit.summary', { count: failedLogins.count.data })
            : t('common.loading')}
        </Text>
      </TodoCard>
      <PendingOrdersCard />
    </>
  );
}
