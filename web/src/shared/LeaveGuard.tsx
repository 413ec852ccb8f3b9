import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { type Location, useBlocker } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { Dialog, useDialogCloseGuard, useQuestionAboveDialog } from './Dialog';

const never = () => false;

/** A move inside the app that would take the user off what they are typing: another page or other filters. */
const leavesPage = (from: Location, to: Location) => from.pathname !== to.pathname || from.search !== to.search;

/**
 * Keeps typed work from being lost by leaving it: while `unsaved()` is true, reloading or closing
 * the tab asks the browser's own question (`beforeunload`), and a move inside the app (Back, a
 * link, another filter) first asks « Quitter sans enregistrer ? » (react-router's blocker).
 * `unsaved` is read at the moment of leaving, so a save that navigates on success (its form is
 * still « dirty » then) is not stopped. Render it inside the form it guards: it lets go when the
 * form unmounts (a dialog closed). Inside a `Dialog`, typed text (no `title` of its own) also
 * holds the dialog's Escape, × and click outside, which ask « Fermer sans enregistrer ? » first.
 */
export function LeaveGuard({
  unsaved,
  title,
  body,
  go,
}: {
  unsaved: () => boolean;
  /** The question, when it is not typed text that would be lost (a password shown once). */
  title?: string;
  body?: string;
  /** The leave button's words. */
  go?: string;
}) {
  const { t } = useI18n();
  const unsavedRef = useRef(unsaved);
  unsavedRef.current = unsaved;
  const dirty = unsaved();
  useDialogCloseGuard(title === undefined ? unsaved : never);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsavedRef.current()) return;
      event.preventDefault();
      // Older Chromium asks only when returnValue is set (its text is never shown).
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => leavesPage(currentLocation, nextLocation) && unsavedRef.current(),
  );
  const blocked = blocker.state === 'blocked';
  // Asked inside a form dialog: Escape answers this question, not the dialog's own close question.
  useQuestionAboveDialog(blocked);
  return (
    <Dialog
      opened={blocked}
      onClose={() => blocker.reset?.()}
      title={title ?? t('leave.title')}
      zIndex={400}
      size="md"
      data-testid="leave-guard"
    >
      <Text size="sm">{body ?? t('leave.body')}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" data-autofocus onClick={() => blocker.reset?.()}>
          {t('leave.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {go ?? t('leave.go')}
        </Button>
      </Group>
    </Dialog>
  );
}
