import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

/**
 * The notice after an alert is hidden: "Alerte masquée." with an "Annuler" button that reopens
 * it (`POST /api/alerts/:id/reopen`), so a click by mistake costs one more click. It stays 10 s,
 * long enough to read and reach. One notice per alert: hiding it again replaces it.
 */
export function showDismissedNotice({
  alertId,
  message,
  undoLabel,
  onUndo,
}: {
  alertId: number;
  message: string;
  undoLabel: string;
  onUndo: () => void;
}): void {
  const id = `alert-dismissed-${alertId}`;
  notifications.hide(id);
  notifications.show({
    id,
    color: 'teal',
    autoClose: 10_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => {
            notifications.hide(id);
            onUndo();
          }}
        >
          {undoLabel}
        </Button>
      </Group>
    ),
  });
}
