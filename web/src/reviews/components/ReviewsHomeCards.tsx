import { Anchor, Stack, Text } from '@mantine/core';
import { IconStethoscope, IconTransferVertical } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCareHomes } from '../../care-homes/care-homes.api';
import { TodoCard } from '../../home/TodoCard';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate } from '../../shared/format';
import { useProposals, useWorklist } from '../reviews.api';
import { stepKey } from '../reviews.rules';
import { useChangeText } from './change-text';

const MAX_SHOWN = 4;

/** Review steps overdue and due this week, and the eligible patients waiting (pharmacy home). */
export function ReviewsTodoCard() {
  const { t } = useI18n();
  const worklist = useWorklist();
  const w = worklist.data;
  const items = w ? [...w.overdue, ...w.due] : [];
  return (
    <TodoCard
      testId="card-reviews"
      icon={IconStethoscope}
      title={t('home.reviewsDue.title')}
      count={w ? items.length : undefined}
    >
      <Stack gap={6}>
        {w && w.overdue.length > 0 ? (
          <Text size="sm" c="red" fw={500}>
            {t('home.reviews.overdue', { count: w.overdue.length })}
          </Text>
        ) : null}
        {w && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.reviewsDue.empty')}
          </Text>
        ) : null}
        {items.slice(0, MAX_SHOWN).map((i) => (
          <Anchor key={i.reviewId} component={Link} to={`/reviews/${i.reviewId}`} size="sm">
            {t('home.reviews.item', {
              patient: i.patientName,
              step: t(stepKey(i.kind, i.followUpYear)),
              date: formatCalendarDate(i.dueDate),
            })}
          </Anchor>
        ))}
        {w && w.eligible.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.reviews.eligible', { count: w.eligible.length })}
          </Text>
        ) : null}
        <Anchor component={Link} to="/reviews" size="sm" fw={500}>
          {t('home.reviews.link')}
        </Anchor>
      </Stack>
    </TodoCard>
  );
}

/**
 * Prescription changes accepted by GPs, waiting to be applied to the residents' PDA prescriptions;
 * shown to pharmacies that serve a care home.
 */
export function ProposalsTodoCard() {
  const { t } = useI18n();
  const careHomes = useCareHomes();
  const proposals = useProposals('pending');
  const changeText = useChangeText();
  const items = proposals.data ?? [];
  if (!careHomes.data?.length && items.length === 0) return null;
  return (
    <TodoCard
      testId="card-proposals"
      icon={IconTransferVertical}
      title={t('home.proposals.title')}
      count={proposals.data ? items.length : undefined}
    >
      <Stack gap={6}>
        {proposals.data && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.proposals.empty')}
          </Text>
        ) : null}
        {items.slice(0, MAX_SHOWN).map((p) => (
          <Text key={p.id} size="sm">
            {t('home.proposals.item', { patient: p.patientName, careHome: p.careHomeName, change: changeText(p) })}
          </Text>
        ))}
        <Anchor component={Link} to="/prescription-proposals" size="sm" fw={500}>
          {t('home.proposals.link')}
        </Anchor>
      </Stack>
    </TodoCard>
  );
}
