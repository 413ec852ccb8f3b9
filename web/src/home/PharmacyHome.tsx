import { IconRobot } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { PendingOrdersCard } from '../robot/components/PendingOrdersCard';
import { ProposalsTodoCard, ReviewsTodoCard } from '../reviews/components/ReviewsHomeCards';
import { ExpiringLotsCard } from './ExpiringLotsCard';
import { TodoCard } from './TodoCard';
import { TransfersTodoCard } from './TransfersTodoCard';

/** Pharmacist and technician: only the pharmacist verifies robot batches (SPEC §2). */
export function PharmacyHome({ role }: { role: 'pharmacist' | 'technician' }) {
  const { t } = useI18n();
  return (
    <>
      <PendingOrdersCard />
      <TransfersTodoCard />
      <ExpiringLotsCard />
      {role === 'pharmacist' ? (
        <TodoCard
          testId="card-batches"
          icon={IconRobot}
          title={t('home.batches.title')}
          empty={t('home.batches.empty')}
        />
      ) : (
        <TodoCard
          testId="card-batches-today"
          icon={IconRobot}
          title={t('home.batchesToday.title')}
          empty={t('home.batchesToday.empty')}
        />
      )}
      <ReviewsTodoCard />
      <ProposalsTodoCard />
    </>
  );
}
