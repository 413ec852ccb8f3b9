import { Text } from '@mantine/core';
import { IconBuildingHospital, IconUsers } from '@tabler/icons-react';
import { useUsers } from '../admin/users.api';
import { useCareHomes } from '../care-homes/care-homes.api';
import { useI18n } from '../i18n/i18n';
import { PendingOrdersCard } from '../robot/components/PendingOrdersCard';
import { TodoCard } from './TodoCard';

export function AdminHome() {
  const { t } = useI18n();
  const users = useUsers();
  const careHomes = useCareHomes();
  const active = users.data?.filter((user) => user.active).length ?? 0;
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
      <PendingOrdersCard />
    </>
  );
}
