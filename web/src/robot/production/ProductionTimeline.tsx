import { Badge, Text, Timeline } from '@mantine/core';
import { IconCalendarCheck, IconCheck, IconPlayerPlay, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import type { BatchDetail } from '../production.api';

type Step = {
  key: 'booked' | 'started' | 'produced' | 'verified';
  at: string | null;
  by: string | null;
  icon: ReactNode;
};

/** A batch's production steps, done ones with when and who (booked, started, produced, verified). */
export function ProductionTimeline({ batch }: { batch: BatchDetail }) {
  const { t } = useI18n();
  const p = batch.production;
  const steps: Step[] = [
    { key: 'booked', at: p.bookedStart, by: null, icon: <IconCalendarCheck size={14} /> },
    { key: 'started', at: p.startedAt, by: p.startedBy, icon: <IconPlayerPlay size={14} /> },
    { key: 'produced', at: p.completedAt, by: p.completedBy, icon: <IconCheck size={14} /> },
    { key: 'verified', at: p.verifiedAt, by: p.verifiedBy, icon: <IconShieldCheck size={14} /> },
  ];
  const done = steps.filter((s) => s.at !== null).length - 1;
  return (
    <Timeline active={done} bulletSize={26} lineWidth={2} aria-label={t('production.steps')}>
      {steps.map((s) => (
        <Timeline.Item key={s.key} bullet={s.icon} title={t(`production.step.${s.key}`)} data-testid={`step-${s.key}`}>
          {s.at ? (
            <Text size="sm">
              {s.key === 'booked' ? t('production.step.bookedAt', { at: formatDateTime(s.at) }) : formatDateTime(s.at)}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('production.step.pending')}
            </Text>
          )}
          {s.by ? (
            <Text size="xs" c="dimmed">
              {t('production.step.by', { name: s.by })}
            </Text>
          ) : null}
          {s.key === 'produced' && p.pouchesProduced !== null ? (
            <Text size="xs" c="dimmed">
              {t('production.step.pouches', { count: p.pouchesProduced })}
            </Text>
          ) : null}
          {s.key === 'verified' && p.openAnomalies > 0 ? (
            <Badge color="red" variant="light" mt={4}>
              {t('production.anomalies.open', { count: p.openAnomalies })}
            </Badge>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
