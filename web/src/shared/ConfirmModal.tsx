import { Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';
import { Dialog, DialogFooter } from './Dialog';
import { describeError } from './errors';
import { RefusalAlert } from './RefusalAlert';

type ConfirmModalProps = {
  opened: boolean;
  title: string;
  message: string;
  /** More to read before confirming, under the message (e.g. the warnings of what is confirmed). */
  details?: ReactNode;
  confirmLabel: string;
  /** The button that closes without acting (default "Annuler"; say "Retour" when the action itself is a cancel). */
  cancelLabel?: string;
  color?: string;
  /**
   * The action destroys or takes something away (red ones do): the dialog opens with focus on
   * cancel, so an Enter pressed by habit does not do it (WAI-ARIA APG, alert dialog).
   */
  destructive?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * A yes/no question before an action that cannot be taken back silently. While it closes it
 * keeps the words it was opened with, so a caller that clears its target on close does not
 * leave a nameless dialog fading out.
 */
export function ConfirmModal({
  opened,
  title,
  message,
  details,
  confirmLabel,
  cancelLabel,
  color,
  destructive = color === 'red',
  loading,
  error,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useI18n();
  const shown = useRef({ title, message, details, confirmLabel });
  if (opened) shown.current = { title, message, details, confirmLabel };
  // A double click confirms once: the second click comes before `loading` is drawn (found by a
  // tester: two POSTs, the second refused with a 409).
  const sent = useRef(false);
  // An answer (or an error) frees it again; `error` is read so that a new refusal frees it too.
  useEffect(() => {
    if (!loading || error) sent.current = false;
  }, [loading, error]);
  useEffect(() => {
    if (!opened) sent.current = false;
  }, [opened]);
  const confirm = () => {
    if (loading === undefined) return onConfirm();
    if (sent.current || loading) return;
    sent.current = true;
    onConfirm();
  };
  return (
    <Dialog opened={opened} onClose={onClose} title={shown.current.title}>
      <Stack>
        <Text>{shown.current.message}</Text>
        {shown.current.details}
        {error ? <RefusalAlert>{describeError(t, error)}</RefusalAlert> : null}
        <DialogFooter
          onCancel={onClose}
          cancelLabel={cancelLabel}
          confirmLabel={shown.current.confirmLabel}
          confirmColor={color}
          pending={loading}
          onConfirm={confirm}
          autoFocusConfirm={!destructive}
          autoFocusCancel={destructive}
        />
      </Stack>
    </Dialog>
  );
}
