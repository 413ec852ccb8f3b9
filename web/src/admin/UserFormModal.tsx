import { Select, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { CareHome } from '../../../server/care-homes/care-homes.schemas';
import type { Pharmacy } from '../../../server/pharmacies/pharmacies.schemas';
import {
  type CreateUserBody,
  createUserBody,
  type Role,
  roles,
  scopeKindOf,
  type UpdateUserBody,
  type User,
  type UserWithPassword,
  updateUserBody,
} from '../../../server/users/users.schemas';
import { useI18n } from '../i18n/i18n';
import { TargetDialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { createUser, USERS_KEY, updateUser } from './users.api';

type FormValues = {
  email: string;
  displayName: string;
  role: Role;
  pharmacyId: number | null;
  careHomeId: number | null;
};

type UserFormProps = {
  /** The user to edit, or null to create one. */
  user: User | null;
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

function UserForm({ user, pharmacies, careHomes, onClose, onCreated, onSaved }: UserFormProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    // An edit cannot change the address: its body has no email.
    schema: user ? updateUserBody : createUserBody,
    initialValues: initialValues(user),
    toBody: ({ email, ...rest }) => (user ? rest : { email, ...rest }),
    errorFields: { 'users.email_taken': 'email' },
    submit: async (body) =>
      user
        ? { saved: await updateUser(user.id, body as UpdateUserBody) }
        : { created: await createUser(body as CreateUserBody) },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      if (result.created) onCreated(result.created);
      if (result.saved) onSaved(result.saved);
    },
  });
  const { form } = dialog;
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
  const idSelect = (field: 'pharmacyId' | 'careHomeId', label: string, options: { id: number; name: string }[]) => (
    <Select
      label={label}
      required
      data={options.map((option) => ({ value: String(option.id), label: option.name }))}
      value={form.values[field] === null ? null : String(form.values[field])}
      onChange={(value) => form.setFieldValue(field, value ? Number(value) : null)}
      error={form.errors[field]}
    />
  );

  return (
    <DialogForm dialog={dialog} submitLabel={user ? t('common.save') : t('common.create')} onCancel={onClose}>
      {user ? null : (
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
      {scope === 'pharmacy' ? idSelect('pharmacyId', t('users.field.pharmacy'), pharmacies) : null}
      {scope === 'careHome' ? idSelect('careHomeId', t('users.field.careHome'), careHomes) : null}
    </DialogForm>
  );
}

/** Creates a user (the server generates the first password) or edits one's name, role and scope. */
export function UserFormModal({
  target,
  ...props
}: Omit<UserFormProps, 'user'> & { target: { user: User | null } | null }) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      title={({ user }) => (user ? t('users.edit.title', { name: user.displayName }) : t('users.create.title'))}
      onClose={props.onClose}
    >
      {({ user }) => <UserForm key={user?.id ?? 'new'} user={user} {...props} />}
    </TargetDialog>
  );
}
