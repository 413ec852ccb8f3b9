import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import { type ReactNode, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

type DialogProps = Omit<ModalProps, 'closeButtonProps' | 'title'> & { title: ReactNode };

/** A modal dialog whose close button is named in the UI language. */
export function Dialog({ children, ...props }: DialogProps) {
  const { t } = useI18n();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} {...props}>
      {children}
    </Modal>
  );
}

/**
 * A dialog about one thing (a lot, a user, a transfer) or closed (`target` null). While it
 * closes, it keeps showing the last target, so the title and fields do not blank out during
 * the transition. `children` renders the body for the target (usually a form component, which
 * then starts afresh at each opening).
 */
export function TargetDialog<T>({
  target,
  title,
  onClose,
  size,
  children,
}: {
  target: T | null | undefined;
  title: string | ((target: T) => string);
  onClose: () => void;
  size?: ModalProps['size'];
  children: (target: T) => ReactNode;
}) {
  const last = useRef<T | null>(null);
  if (target !== null && target !== undefined) last.current = target;
  const shown = last.current;
  const opened = target !== null && target !== undefined;
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      size={size}
      title={shown === null ? '' : typeof title === 'function' ? title(shown) : title}
    >
      {opened && shown !== null ? children(shown) : null}
    </Dialog>
  );
}

/** The buttons at the foot of a dialog: cancel (or back) on the left, the action on the right. */
export function DialogFooter({
  onCancel,
  cancelLabel,
  confirmLabel,
  confirmColor,
  pending,
  submit,
  autoFocusConfirm,
  autoFocusCancel,
  onConfirm,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  confirmLabel: string;
  confirmColor?: string;
  pending?: boolean;
  /** The confirm button submits the surrounding form. */
  submit?: boolean;
  autoFocusConfirm?: boolean;
  /** Focus opens on the cancel button: the confirm of a destructive action is not one Enter away. */
  autoFocusCancel?: boolean;
  onConfirm?: () => void;
}) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel} data-autofocus={autoFocusCancel || undefined}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      <Button
        type={submit ? 'submit' : 'button'}
        color={confirmColor}
        loading={pending}
        onClick={onConfirm}
        data-autofocus={autoFocusConfirm || undefined}
      >
        {confirmLabel}
      </Button>
    </Group>
  );
}
