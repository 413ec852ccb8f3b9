import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CareHome } from '../../../server/care-homes/care-homes.schemas';
import type { Pharmacy } from '../../../server/pharmacies/pharmacies.schemas';
import {
  createUserBody,
  type Role,
  roles,
  scopeKindOf,
  type User,
  type UserWithPassword,
  updateUserBody,
} from '../../../server/users/users.schemas';
import { useI18n } from '../i18n/i18n';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { validateWith } from '../shared/forms';
import { createUser, USERS_KEY, updateUser } from './users.api';

type FormValues = {
  email: string;
  displayName: string;
  role: Role;
  pharmacyId: number | null;
  careHomeId: number | null;
};

type UserFormModalProps = {
  /** The user to edit, or null to create one. */
  user: User | null;
  opened: boolean;
  pharmacies: Pharmacy[];
  careHomes: CareHome[];
  onClose: () => void;
  onCreated: (result: UserWithPassword) => void;
  onSaved: (user: User) => void;
};

function initialValues(user: User | null): FormValues {
  if (!user) return { email: '', displayName: '', role: 'pharmacist', pharmacyId: null, careHomeId: null };
  const { email, displayName, role, pharmacyId, careHomeId } = user;
  return { email, displayName, role, pharmacyId, careHomeId };
}

function UserForm({ user, pharmacies, careHomes, onClose, onCreated, onSaved }: Omit<UserFormModalProps, 'opened'>) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const editing = user !== null;
  const validateCreate = validateWith(createUserBody, t);
  const validateUpdate = validateWith(updateUserBody, t);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: initialValues(user),
    validate: (values) => {
      if (!editing) return validateCreate(values);
      const { email: _email, ...rest } = values;
      return validateUpdate(rest);
    },
  });

  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      if (!user) return { created: await createUser(values) };
      const { email: _email, ...rest } = values;
      return { saved: await updateUser(user.id, rest) };
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      if ('created' in result && result.created) onCreated(result.created);
      if ('saved' in result && result.saved) onSaved(result.saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'users.email_taken') {
        form.setFieldError('email', t('errors.users.email_taken'));
      }
    },
  });

  const scope = scopeKindOf(form.values.role);
  const setRole = (value: string | null) => {
    if (!value) return;
    const role = value as Role;
    const kind = scopeKindOf(role);
    form.setValues({
      role,
      pharmacyId: kind === 'pharmacy' ? form.values.pharmacyId : null,
      careHomeId: kind === 'careHome' ? form.values.careHomeId : null,
    });
  };
  const showError = save.error && !(save.error instanceof ApiError && save.error.code === 'users.email_taken');

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {showError ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        {editing ? null : (
          <TextInput
            label={t('users.field.email')}
            type="email"
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('email')}
          />
        )}
        <TextInput label={t('users.field.displayName')} required {...form.getInputProps('displayName')} />
        <Select
          label={t('users.field.role')}
          required
          allowDeselect={false}
          data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          value={form.values.role}
          onChange={setRole}
          error={form.errors.role}
        />
        {scope === 'pharmacy' ? (
          <Select
            label={t('users.field.pharmacy')}
            required
            data={pharmacies.map((pharmacy) => ({ value: String(pharmacy.id), label: pharmacy.name }))}
            value={form.values.pharmacyId === null ? null : String(form.values.pharmacyId)}
            onChange={(value) => form.setFieldValue('pharmacyId', value ? Number(value) : null)}
            error={form.errors.pharmacyId}
          />
        ) : null}
        {scope === 'careHome' ? (
          <Select
            label={t('users.field.careHome')}
            required
            data={careHomes.map((careHome) => ({ value: String(careHome.id), label: careHome.name }))}
            value={form.values.careHomeId === null ? null : String(form.values.careHomeId)}
            onChange={(value) => form.setFieldValue('careHomeId', value ? Number(value) : null)}
            error={form.errors.careHomeId}
          />
        ) : null}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UserFormModal(props: UserFormModalProps) {
  const { t } = useI18n();
  const title = props.user ? t('users.edit.title', { name: props.user.displayName }) : t('users.create.title');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={props.opened}
      onClose={props.onClose}
      title={title}
      size="md"
    >
      {/* Keyed so each opening starts from the chosen user's values. */}
      {props.opened ? <UserForm key={props.user?.id ?? 'new'} {...props} /> : null}
    </Modal>
  );
}
