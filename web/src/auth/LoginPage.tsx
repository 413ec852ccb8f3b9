import {
  Alert,
  Box,
  Button,
  Card,
  Center,
  Code,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconClockHour4, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { usePageTitle } from '../shared/PageHeader';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { Logo } from '../shell/Logo';
import { DEMO_PASSWORD, fetchHealth } from './auth.api';
import { useAuth } from './auth-context';
import { DEMO_PLACES } from './demo-accounts';

type LocationState = { from?: string } | null;

function DemoAccounts({ onPick }: { onPick: (email: string) => void }) {
  const { t } = useI18n();
  return (
    <Card component="section" aria-labelledby="demo-accounts-title" style={{ alignSelf: 'start' }}>
      <Title order={2} size="h4" id="demo-accounts-title">
        {t('login.demo.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('login.demo.hint')}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('login.demo.password')} <Code>{DEMO_PASSWORD}</Code>
      </Text>
      <Table verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('login.demo.place')}</Table.Th>
            <Table.Th>{t('login.demo.account')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DEMO_PLACES.map(({ place, accounts }) => (
            <Table.Tr key={place ?? 'cooperative'}>
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {place ?? t('app.cooperative')}
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {accounts.map((account) => (
                    <Tooltip key={account.email} label={account.email} openDelay={300}>
                      <Button
                        size="compact-sm"
                        variant="light"
                        onClick={() => onPick(account.email)}
                        aria-label={t('login.demo.useFor', { role: t(`role.${account.role}`), email: account.email })}
                      >
                        {t(`role.${account.role}`)}
                      </Button>
                    </Tooltip>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const { user, notice, signIn } = useAuth();
  const location = useLocation();
  const health = useQuery({ queryKey: ['health'], queryFn: fetchHealth, staleTime: Number.POSITIVE_INFINITY });
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({ mode: 'controlled', initialValues: { email: '', password: '' } });
  usePageTitle(t('login.title'));

  if (user) {
    const from = (location.state as LocationState)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn({ email: values.email.trim(), password: values.password });
    } catch (cause) {
      setError(cause);
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  });

  const pickDemoAccount = (email: string) => {
    form.setValues({ email, password: DEMO_PASSWORD });
    setError(null);
    passwordRef.current?.focus();
  };

  const errorText =
    error instanceof ApiError && error.status === 429 && error.retryAfterSeconds !== undefined
      ? t('login.rateLimited', { seconds: error.retryAfterSeconds })
      : describeError(t, error);
  const demo = health.data?.demo === true;

  return (
    <Box mih="100vh" bg="gray.0" py="xl" px="md">
      <Group justify="space-between" maw={1100} mx="auto" mb="xl">
        <Logo />
        <LanguageSwitch />
      </Group>
      <Center>
        <SimpleGrid cols={{ base: 1, md: demo ? 2 : 1 }} spacing="xl" maw={demo ? 1100 : 440} w="100%">
          <Card component="main" padding="xl" style={{ alignSelf: 'start' }}>
            <form onSubmit={submit} noValidate>
              <Stack>
                <div>
                  <Title order={1} size="h2">
                    {t('login.title')}
                  </Title>
                  <Text c="dimmed" size="sm">
                    {t('login.subtitle')}
                  </Text>
                </div>
                {notice === 'expired' && !error ? (
                  <Alert color="orange" icon={<IconClockHour4 />} role="status">
                    {t('login.expired')}
                  </Alert>
                ) : null}
                {notice === 'loggedOut' && !error ? (
                  <Alert color="teal" icon={<IconInfoCircle />} role="status">
                    {t('login.loggedOut')}
                  </Alert>
                ) : null}
                {error ? (
                  <Alert color="red" icon={<IconAlertCircle />} title={t('login.failed')} role="alert">
                    {errorText}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('login.email')}
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  ref={passwordRef}
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={submitting} fullWidth>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Card>
          {demo ? <DemoAccounts onPick={pickDemoAccount} /> : null}
        </SimpleGrid>
      </Center>
    </Box>
  );
}
