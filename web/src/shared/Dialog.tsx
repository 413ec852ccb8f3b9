import { Button, Group, Modal, type ModalProps, Text } from '@mantine/core';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

type DialogProps = Omit<ModalProps, 'closeButtonProps' | 'title'> & { title: ReactNode };

/**
 * What the inside of a dialog says to it, read when the dialog is closing: whether a form in it
 * holds unsaved text, and how many questions it has opened above it (the leave question).
 */
type CloseGuardState = { unsaved: (() => boolean) | null; questionsAbove: number };
const CloseGuard = createContext<CloseGuardState | null>(null);

/**
 * Called (through `LeaveGuard`) by a form inside a `Dialog`: while `unsaved()` is true, Escape, the ×
 * and a click outside first ask « Fermer sans enregistrer ? » (« Annuler » is the user's own choice
 * and closes).
 */
export function useDialogCloseGuard(unsaved: () => boolean) {
  const guard = useContext(CloseGuard);
  useEffect(() => {
    if (!guard) return;
    guard.unsaved = unsaved;
    return () => {
      if (guard.unsaved === unsaved) guard.unsaved = null;
    };
  });
}

/**
 * Called by a question shown above the dialog it sits in (the leave question of a form in a
 * dialog): while `open`, that dialog neither closes nor asks on Escape, which Mantine sends to every
 * open modal at once, so one Escape answers only the question on top.
 */
export function useQuestionAboveDialog(open: boolean) {
  const guard = useContext(CloseGuard);
  useEffect(() => {
    if (!guard || !open) return;
    guard.questionsAbove += 1;
    return () => {
      guard.questionsAbove -= 1;
    };
  }, [guard, open]);
}

/**
 * A modal dialog whose close button is named in the UI language. Closed by Escape, its × or a click
 * outside while a form in it holds unsaved text (`useDialogCloseGuard`), it asks first: one key
 * pressed by mistake must not lose a typed note.
 */
export function Dialog({ children, onClose, ...props }: DialogProps) {
  const { t } = useI18n();
  const guard = useRef<CloseGuardState>({ unsaved: null, questionsAbove: 0 }).current;
  const [asking, setAsking] = useState(false);
  // Mantine hears Escape on the window for every open modal: while a question is open above it
  // (its own or a form's leave question), the dialog behind must not ask again nor close.
  const close = () => {
    if (asking || guard.questionsAbove > 0) return;
    if (guard.unsaved?.()) setAsking(true);
    else onClose();
  };
  return (
    <>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} {...props} onClose={close}>
        <CloseGuard.Provider value={guard}>{children}</CloseGuard.Provider>
      </Modal>
      {/* Mounted only while asking: Mantine hears Escape on the window, and a question mounted
          beforehand would hear the very Escape that opened it, and close at once. */}
      {asking ? (
        <Modal
          opened
          onClose={() => setAsking(false)}
          title={t('leave.closeTitle')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          zIndex={400}
          size="md"
          data-testid="close-guard"
        >
          <Text size="sm">{t('leave.closeBody')}</Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" data-autofocus onClick={() => setAsking(false)}>
              {t('leave.keepEditing')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setAsking(false);
                onClose();
              }}
            >
              {t('leave.close')}
            </Button>
          </Group>
        </Modal>
      ) : null}
    </>
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
