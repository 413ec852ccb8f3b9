import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapOff />}
      variant="light"
      title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('notFound.title')}</h1>}
      description={t('notFound.body')}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          {t('notFound.back')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
