import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKey, IconPencil, IconPlus, IconSearch, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type Role, roles, type User } from '../../../server/users/users.schemas';
import { useSessionUser } from '../auth/auth-context';
import { useCareHomes } from '../care-homes/care-homes.api';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from '../pharmacies/pharmacies.api';
import { ActiveBadge } from '../shared/ActiveBadge';
import { ConfirmModal } from '../shared/ConfirmModal';
import { DataTable } from '../shared/DataTable';
import { describeError } from '../shared/errors';
import { useMutation } from '../shared/mutation';
import { notifyFailed, notifySaved } from '../shared/notify';
import { PageHeader } from '../shared/PageHeader';
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
        notifySaved(t('users.disable.done', { name: result.user.displayName }));
      } else if ('password' in result) {
        setPassword({ name: result.user.displayName, password: result.password });
      }
    },
  });

  const enable = useMutation({
    mutationFn: (user: User) => enableUser(user.id),
    onSuccess: async (user) => {
      await refresh();
      notifySaved(t('users.enable.done', { name: user.displayName }));
    },
    onError: (error) => notifyFailed(describeError(t, error)),
  });

  const openConfirm = (next: Confirm) => {
    confirmAction.reset();
    setConfirm(next);
  };

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setFormTarget({ user: null })}>
            {t('users.new')}
          </Button>
        }
      />

      <Group align="flex-end">
        <TextInput
          label={t('users.filter')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w="100%"
          maw={300}
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

      <DataTable<User>
        label={t('users.title')}
        rows={users.data ? visible : undefined}
        query={users}
        rowKey={(user) => user.id}
        rowTestId={(user) => `user-row-${user.email}`}
        empty={t('common.noResults')}
        pageSize={50}
        minWidth={620}
        columns={[
          {
            key: 'name',
            header: t('users.col.name'),
            sortBy: (user) => user.displayName,
            // On a tablet the e-mail goes under the name: the table fits 768 px with its actions.
            cell: (user) => (
              <>
                <Text size="sm" fw={500}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" hiddenFrom="md" style={{ overflowWrap: 'anywhere' }}>
                  {user.email}
                </Text>
              </>
            ),
          },
          {
            key: 'email',
            header: t('users.col.email'),
            sortBy: (user) => user.email,
            cell: (user) => user.email,
            visibleFrom: 'md',
          },
          {
            key: 'role',
            header: t('users.col.role'),
            sortBy: (user) => t(`role.${user.role}`),
            cell: (user) => (
              <Badge variant="light" color={user.role === 'admin' ? 'grape' : 'teal'}>
                {t(`role.${user.role}`)}
              </Badge>
            ),
          },
          { key: 'scope', header: t('users.col.scope'), sortBy: scopeOf, cell: scopeOf },
          {
            key: 'status',
            header: t('common.status'),
            cell: (user) => (
              <Group gap={6}>
                <ActiveBadge active={user.active} />
                {user.active && user.passwordProvisional ? (
                  <Badge variant="light" color="yellow" title={t('users.provisional.hint')}>
                    {t('users.provisional')}
                  </Badge>
                ) : null}
              </Group>
            ),
          },
        ]}
        rowName={(user) => user.displayName}
        actions={(user) => [
          {
            label: t('users.edit.action'),
            icon: IconPencil,
            disabled: user.id === me.id,
            onClick: () => setFormTarget({ user }),
          },
          {
            label: t('users.resetPassword.action'),
            icon: IconKey,
            disabled: !user.active,
            onClick: () => openConfirm({ kind: 'reset', user }),
          },
          user.active
            ? {
                label: t('users.disable.action'),
                icon: IconUserOff,
                color: 'red',
                disabled: user.id === me.id,
                onClick: () => openConfirm({ kind: 'disable', user }),
              }
            : { label: t('users.enable.action'), icon: IconUserCheck, onClick: () => enable.mutate(user) },
        ]}
      />

      <UserFormModal
        target={formTarget}
        pharmacies={pharmacies.data ?? []}
        careHomes={careHomes.data ?? []}
        onClose={() => setFormTarget(null)}
        onCreated={(result) => {
          setFormTarget(null);
          notifySaved(t('users.created', { name: result.user.displayName }));
          setPassword({ name: result.user.displayName, password: result.password });
        }}
        onSaved={() => {
          setFormTarget(null);
          notifySaved(t('common.saved'));
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
        // A reset takes the user's password away too: not one Enter away either.
        destructive
        loading={confirmAction.isPending}
        error={confirmAction.error}
        onConfirm={() => confirm && confirmAction.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
      <PasswordModal shown={password} onClose={() => setPassword(null)} />
    </Stack>
  );
}
