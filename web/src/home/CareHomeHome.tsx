import { Stack, Text } from '@mantine/core';
import { IconCalendarTime, IconPackage } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { countdown, nextCutoff } from '../shared/dates';
import { formatDate, formatTime } from '../shared/format';
import { TodoCard } from './TodoCard';

/** Ticks once a minute: the countdown shows minutes, not seconds. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CareHomeHome() {
  const { t } = useI18n();
  const now = useNow();
  // SPEC §5 default cut-off (Wednesday 12:00, the week before delivery) until care homes
  // carry their own settings.
  const cutoff = nextCutoff(now);
  const left = countdown(now, cutoff.at);
  return (
    <>
      <TodoCard
        testId="card-order"
        icon={IconPackage}
        title={t('home.order.title', { week: cutoff.orderWeek })}
        empty={t('home.order.empty')}
      />
      <TodoCard testId="card-cutoff" icon={IconCalendarTime} title={t('home.cutoff.title')}>
        <Stack gap={4}>
          <Text fz="xl" fw={700} c="teal.9" data-testid="cutoff-countdown">
            {t('home.cutoff.countdown', left)}
          </Text>
          <Text>{t('home.cutoff.at', { date: formatDate(cutoff.at), time: formatTime(cutoff.at) })}</Text>
          <Text size="sm" c="dimmed">
            {t('home.cutoff.note')}
          </Text>
        </Stack>
      </TodoCard>
    </>
  );
}
