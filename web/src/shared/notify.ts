import { notifications } from '@mantine/notifications';

/** A green confirmation at the top right, after a change went through. */
export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message });
}

/** A red notice for a failed action that has no form to show it in (a one-click action in a table). */
export function notifyFailed(message: string): void {
  notifications.show({ color: 'red', message });
}
