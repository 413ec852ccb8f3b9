import { Button, EmptyState } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../shared/PageHeader';

/**
 * What the app shows when a page could not be drawn (the router's error element): in words, with a
 * reload and a way home, not the router's developer page. The usual cause is a tab left open while
 * Officoop was updated, whose page code is gone from the server (`reloadOnceForNewVersion` in
 * routes.tsx reloads once on its own; this is what stays when even that did not help), or a
 * network down (on a rural line that drops), which it names as such.
 */
export function AppErrorPage() {
  const { t } = useI18n();
  usePageTitle(t('appError.title'));
  return (
    <EmptyState
      mt="xl"
      icon={<IconRefresh />}
      variant="light"
      title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('appError.title')}</h1>}
      description={navigator.onLine ? t('appError.body') : t('appError.offline')}
    >
      <EmptyState.Actions>
        <Button onClick={() => window.location.reload()}>{t('appError.reload')}</Button>
        <Button variant="default" component="a" href="/">
          {t('notFound.back')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
