import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../../server/users/users.schemas';
import { useAuth } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n';
import { NotFoundPage } from './NotFoundPage';

/** Renders its children for a logged-in user, else sends them to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, status, refetch } = useAuth();
  const location = useLocation();

  if (status === 'pending') {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (status === 'error' && user === undefined) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Text role="alert">{t('errors.network.unreachable')}</Text>
          <Button onClick={refetch}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** A page only some roles may open; others get the not-found page, as the API answers them. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <NotFoundPage />;
  return children;
}
