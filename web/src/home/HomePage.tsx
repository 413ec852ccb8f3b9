import { SimpleGrid, Stack, Title } from '@mantine/core';
import { useSessionUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n';
import { formatDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { serverNow } from '../shared/server-clock';
import { AdminHome } from './AdminHome';
import { AlertsCard } from './AlertsCard';
import { CareHomeHome } from './CareHomeHome';
import { PharmacyHome } from './PharmacyHome';
import { TreasurerHome } from './TreasurerHome';

function RoleHome() {
  const user = useSessionUser();
  switch (user.role) {
    case 'admin':
      return <AdminHome />;
    case 'pharmacist':
    case 'technician':
      return <PharmacyHome />;
    case 'carehome':
      return <CareHomeHome />;
    case 'treasurer':
      return <TreasurerHome />;
  }
}

export function HomePage() {
  const { t } = useI18n();
  const user = useSessionUser();
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('home.greeting', { name: user.displayName })}
        subtitle={t('home.today', { date: formatDate(serverNow()) })}
        tabTitle={t('nav.home')}
      />
      <Title order={2} size="h4">
        {t('home.todo')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <RoleHome />
        <AlertsCard />
      </SimpleGrid>
    </Stack>
  );
}
