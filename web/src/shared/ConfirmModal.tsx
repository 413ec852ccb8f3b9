import { Alert, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { Dialog, DialogFooter } from './Dialog';
import { describeError } from './errors';

type ConfirmModalProps = {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** The button that closes without acting (default "Annuler"; say "Retour" when the action itself is a cancel). */
  cancelLabel?: string;
  color?: string;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** A yes/no question before an action that cannot be taken back silently. */
export function ConfirmModal({
  opened,
  title,
  message,
  confirmLabel,
  cancelLabel,
  color,
  loading,
  error,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useI18n();
  return (
    <Dialog opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text>{message}</Text>
        {error ? (
          <Alert color="red" role="alert">
            {describeError(t, error)}
          </Alert>
        ) : null}
        <DialogFooter
          onCancel={onClose}
          cancelLabel={cancelLabel}
          confirmLabel={confirmLabel}
          confirmColor={color}
          pending={loading}
          onConfirm={onConfirm}
          autoFocusConfirm
        />
      </Stack>
    </Dialog>
  );
}
