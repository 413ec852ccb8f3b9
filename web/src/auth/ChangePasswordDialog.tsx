import { PasswordInput, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ChangePasswordBody, type Me } from '../../../server/auth/auth.schemas';
import { useI18n } from '../i18n/i18n';
import { apiFetch } from '../shared/api';
import { Dialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { notifySaved } from '../shared/notify';
import { ME_KEY, useAuth } from './auth-context';

type Values = { currentPassword: string; newPassword: string; confirm: string };

function ChangePasswordForm({ forced, onDone }: { forced: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { signOut } = useAuth();
  const dialog = useDialogForm({
    schema: ChangePasswordBody,
    initialValues: { currentPassword: '', newPassword: '', confirm: '' } as Values,
    toBody: ({ currentPassword, newPassword }: Values) => ({ currentPassword, newPassword }),
    check: (values, errors) => {
      // Said at once with a too-short new password: both are to be typed again.
      if (values.confirm !== values.newPassword) errors.confirm = t('password.mismatch');
    },
    errorFields: { 'auth.wrong_password': 'currentPassword' },
    // The server renews this browser's session cookie; the other sessions of the account end.
    submit: (body) => apiFetch<Me>('/auth/password', { method: 'POST', body }),
    onSuccess: (me) => {
      // The answer is the user as now: no longer on a provisional password.
      queryClient.setQueryData(ME_KEY, me);
      notifySaved(t('password.done'));
      onDone();
    },
  });
  const { form } = dialog;
  // Mantine names the eye button in English (« Toggle password visibility »).
  const toggle = { 'aria-label': t('login.showPassword') };
  return (
    <DialogForm
      dialog={dialog}
      submitLabel={t('password.submit')}
      // A provisional password cannot be kept: the way out is to leave.
      onCancel={forced ? () => void signOut() : onDone}
      cancelLabel={forced ? t('header.logout') : undefined}
    >
      <Text size="sm" c={forced ? undefined : 'dimmed'}>
        {forced ? t('password.firstHint') : t('password.hint')}
      </Text>
      <PasswordInput
        label={forced ? t('password.provisional') : t('password.current')}
        autoComplete="current-password"
        required
        data-autofocus
        visibilityToggleButtonProps={toggle}
        {...form.getInputProps('currentPassword')}
      />
      <PasswordInput
        label={t('password.new')}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
        {...form.getInputProps('confirm')}
      />
    </DialogForm>
  );
}

/**
 * The logged-in user changes their own password. `forced`: the password is still the provisional
 * one the coordinator gave (`mustChangePassword`), and the dialog cannot be closed until the user
 * chooses theirs (or signs out).
 */
export function ChangePasswordDialog({
  opened,
  onClose,
  forced = false,
}: {
  opened: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={forced ? t('password.firstTitle') : t('password.title')}
      withCloseButton={!forced}
      closeOnEscape={!forced}
      closeOnClickOutside={!forced}
    >
      {opened ? <ChangePasswordForm forced={forced} onDone={onClose} /> : null}
    </Dialog>
  );
}
