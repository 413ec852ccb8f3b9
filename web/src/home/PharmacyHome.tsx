import { IconArrowsExchange, IconRobot, IconStethoscope } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { TodoCard } from './TodoCard';

/** Pharmacist and technician: only the pharmacist verifies robot batches (SPEC §2). */
export function PharmacyHome({ role }: { role: 'pharmacist' | 'technician' }) {
  const { t } = useI18n();
  return (
    <>
      <TodoCard
        testId="card-transfers"
        icon={IconArrowsExchange}
        title={t('home.transfers.title')}
        empty={t('home.transfers.empty')}
      />
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
      <TodoCard
        testId="card-reviews"
        icon={IconStethoscope}
        title={t('home.reviews.title')}
        empty={t('home.reviews.empty')}
      />
    </>
  );
}
