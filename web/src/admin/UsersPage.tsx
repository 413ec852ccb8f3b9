import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconPencil, IconPlus, IconSearch, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type Role, roles, type User } from '../../../server/users/users.schemas';
import { useSessionUser } from '../auth/auth-context';
import { useCareHomes } from '../care-homes/care-homes.api';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from '../pharmacies/pharmacies.api';
import { ConfirmModal } from '../shared/ConfirmModal';
import { describeError } from '../shared/errors';
import { PasswordModal } from './PasswordModal';
import { UserFormModal } from './UserFormModal';
import { disableUser, enableUser, resetPassword, USERS_KEY, useUsers } from './users.api';

type Confirm = { kind: 'disable' | 'reset'; user: User };

export function UsersPage() {
  const { t } = useI18n();
  const me = useSessionUser();
  const queryClient = useQueryClient();
  const users = useUsers();
  const pharmacies = usePharmacies();
  const careHomes = useCareHomes();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const [roleFilter, setRoleFilter] = useState<Role | null>(null);
  const [formTarget, setFormTarget] = useState<{ user: User | null } | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [password, setPassword] = useState<{ name: string; password: string } | null>(null);

  const pharmacyNames = useMemo(() => new Map(pharmacies.data?.map((p) => [p.id, p.name])), [pharmacies.data]);
  const careHomeNames = useMemo(() => new Map(careHomes.data?.map((c) => [c.id, c.name])), [careHomes.data]);
  const scopeOf = (user: User) =>
    (user.pharmacyId !== null ? pharmacyNames.get(user.pharmacyId) : undefined) ??
    (user.careHomeId !== null ? careHomeNames.get(user.careHomeId) : undefined) ??
    t('common.none');

  const visible = useMemo(() => {
    const needle = debouncedSearch.trim().toLowerCase();
    return (users.data ?? []).filter(
      (user) =>
        (!roleFilter || user.role === roleFilter) &&
        (!needle || user.displayName.toLowerCase().includes(needle) || user.email.includes(needle)),
    );
  }, [users.data, debouncedSearch, roleFilter]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const confirmAction = useMutation({
    mutationFn: async ({ kind, user }: Confirm) =>
      kind === 'disable' ? { kind, user: await disableUser(user.id) } : { kind, ...(await resetPassword(user.id)) },
    onSuccess: async (result) => {
      await refresh();
      setConfirm(null);
      if (result.kind === 'disable') {
        notifications.show({ color: 'teal', message: t('users.disable.done', { name: result.user.displayName }) });
      } else if ('password' in result) {
        setPassword({ name: result.user.displayName, password: result.password });
      }
    },
  });

  const enable = useMutation({
    mutationFn: (user: User) => enableUser(user.id),
    onSuccess: async (user) => {
      await refresh();
      notifications.show({ color: 'teal', message: t('users.enable.done', { name: user.displayName }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(t, error) }),
  });

  const openConfirm = (next: Confirm) => {
    confirmAction.reset();
    setConfirm(next);
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setFormTarget({ user: null })}>
          {t('users.new')}
        </Button>
      </Group>

      <Group align="flex-end">
        <TextInput
          label={t('users.filter')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={300}
        />
        <Select
          label={t('users.roleFilter')}
          placeholder={t('users.allRoles')}
          clearable
          data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          value={roleFilter}
          onChange={(value) => setRoleFilter(value as Role | null)}
          w={220}
        />
      </Group>

      {users.error ? (
        <Alert color="red" role="alert">
          {describeError(t, users.error)}
        </Alert>
      ) : null}
      {users.isPending ? <Loader aria-label={t('common.loading')} /> : null}

      {users.data ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder aria-label={t('users.title')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.col.name')}</Table.Th>
                <Table.Th>{t('users.col.email')}</Table.Th>
                <Table.Th>{t('users.col.role')}</Table.Th>
                <Table.Th>{t('users.col.scope')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {visible.map((user) => (
                <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <Table.Td fw={500}>{user.displayName}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={user.role === 'admin' ? 'grape' : 'teal'}>
                      {t(`role.${user.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{scopeOf(user)}</Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={user.active ? 'teal' : 'gray'}>
                      {user.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('common.actionsFor', { name: user.displayName })}
                        >
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          leftSection={<IconPencil size={16} />}
                          disabled={user.id === me.id}
                          onClick={() => setFormTarget({ user })}
                        >
                          {t('users.edit.action')}
                        </Menu.Item>
                        <Menu.Item
                          leftSection={<IconKey size={16} />}
                          disabled={!user.active}
                          onClick={() => openConfirm({ kind: 'reset', user })}
                        >
                          {t('users.resetPassword.action')}
                        </Menu.Item>
                        {user.active ? (
                          <Menu.Item
                            color="red"
                            leftSection={<IconUserOff size={16} />}
                            disabled={user.id === me.id}
                            onClick={() => openConfirm({ kind: 'disable', user })}
                          >
                            {t('users.disable.action')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => enable.mutate(user)}>
                            {t('users.enable.action')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <UserFormModal
        opened={formTarget !== null}
        user={formTarget?.user ?? null}
        pharmacies={pharmacies.data ?? []}
        careHomes={careHomes.data ?? []}
        onClose={() => setFormTarget(null)}
        onCreated={(result) => {
          setFormTarget(null);
          notifications.show({ color: 'teal', message: t('users.created', { name: result.user.displayName }) });
          setPassword({ name: result.user.displayName, password: result.password });
        }}
        onSaved={() => {
          setFormTarget(null);
          notifications.show({ color: 'teal', message: t('common.saved') });
        }}
      />
      <ConfirmModal
        opened={confirm !== null}
        title={confirm?.kind === 'disable' ? t('users.disable.action') : t('users.resetPassword.action')}
        message={
          confirm
            ? t(confirm.kind === 'disable' ? 'users.disable.confirm' : 'users.resetPassword.confirm', {
                name: confirm.user.displayName,
              })
            : ''
        }
        confirmLabel={confirm?.kind === 'disable' ? t('users.disable.action') : t('users.resetPassword.action')}
        color={confirm?.kind === 'disable' ? 'red' : undefined}
        loading={confirmAction.isPending}
        error={confirmAction.error}
        onConfirm={() => confirm && confirmAction.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
      <PasswordModal shown={password} onClose={() => setPassword(null)} />
    </Stack>
  );
}
