import { PasswordInput, Text } from '@mantine/core';
import { ChangePasswordBody } from '../../../server/auth/auth.schemas';
import { useI18n } from '../i18n/i18n';
import { apiFetch } from '../shared/api';
import { Dialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { notifySaved } from '../shared/notify';

type Values = { currentPassword: string; newPassword: string; confirm: string };

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const dialog = useDialogForm({
    schema: ChangePasswordBody,
    initialValues: { currentPassword: '', newPassword: '', confirm: '' } as Values,
    toBody: ({ currentPassword, newPassword }: Values) => ({ currentPassword, newPassword }),
    check: (values, errors) => {
      if (!errors.newPassword && values.confirm !== values.newPassword) errors.confirm = t('password.mismatch');
    },
    errorFields: { 'auth.wrong_password': 'currentPassword' },
    // The server renews this browser's session cookie; the other sessions of the account end.
    submit: (body) => apiFetch('/auth/password', { method: 'POST', body }),
    onSuccess: () => {
      notifySaved(t('password.done'));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('password.submit')} onCancel={onDone}>
      <Text size="sm" c="dimmed">
        {t('password.hint')}
      </Text>
      <PasswordInput
        label={t('password.current')}
        autoComplete="current-password"
        required
        data-autofocus
        {...form.getInputProps('currentPassword')}
      />
      <PasswordInput
        label={t('password.new')}
        autoComplete="new-password"
        required
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirm')}
      />
    </DialogForm>
  );
}

/** The logged-in user changes their own password (the coordinator's one is provisional). */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('password.title')}>
      {opened ? <ChangePasswordForm onDone={onClose} /> : null}
    </Dialog>
  );
}
