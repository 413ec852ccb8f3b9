import { Badge, Group, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate } from '../../shared/format';
import { expiryState, parisToday } from '../stock.rules';

/** An expiry date, flagged when the lot is past it or within the expiring-soon window. */
export function ExpiryDate({ date, soonDays = 90 }: { date: string; soonDays?: number }) {
  const { t } = useI18n();
  const state = expiryState(parisToday(), date, soonDays);
  return (
    <Group gap={4}>
      <Text size="sm" c={state === 'expired' ? 'red.8' : undefined}>
        {formatCalendarDate(date)}
      </Text>
      {state === 'expired' ? (
        <Badge size="sm" color="red" variant="light">
          {t('stock.expired')}
        </Badge>
      ) : null}
      {state === 'soon' ? (
        <Badge size="sm" color="orange" variant="light">
          {t('stock.expiringSoon')}
        </Badge>
      ) : null}
    </Group>
  );
}
