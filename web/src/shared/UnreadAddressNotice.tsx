import { Alert } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/**
 * Says that the page's address asked for something it cannot read (`?week=2026-W99`, a hand-edited
 * or truncated link) and what the page shows instead, rather than showing another week or month
 * without a word. `value` is the unread text (nothing is shown while it is null); `shown` names
 * what the page shows (« Semaine 50 · du 07/12 au 13/12/2026 »).
 */
export function UnreadAddressNotice({ value, shown }: { value: string | null; shown: string }) {
  const { t } = useI18n();
  if (value === null) return null;
  return (
    <Alert color="yellow" role="status" data-testid="unread-address">
      {t('address.unread', { value, shown })}
    </Alert>
  );
}
