import { Anchor, Text } from '@mantine/core';
import { IconBuildingHospital, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
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
      <TodoCard testId="card-users" icon={IconUsers} title={t('home.users.title')}>
        <Text>{users.data ? t('home.users.summary', { active, total: users.data.length }) : t('common.loading')}</Text>
        <Anchor component={Link} to="/admin/users" mt="xs" size="sm">
          {t('home.users.manage')}
        </Anchor>
      </TodoCard>
      <TodoCard testId="card-care-homes" icon={IconBuildingHospital} title={t('home.careHomes.title')}>
        <Text>
          {careHomes.data ? t('home.careHomes.summary', { count: careHomes.data.length }) : t('common.loading')}
        </Text>
        <Anchor component={Link} to="/care-homes" mt="xs" size="sm">
          {t('home.careHomes.manage')}
        </Anchor>
      </TodoCard>
      <PendingOrdersCard />
    </>
  );
}
