import { IconCalendarStats, IconReportMoney } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { TodoCard } from './TodoCard';

export function TreasurerHome() {
  const { t } = useI18n();
  return (
    <>
      <TodoCard
        testId="card-period"
        icon={IconCalendarStats}
        title={t('home.period.title')}
        empty={t('home.period.empty')}
      />
      <TodoCard
        testId="card-report"
        icon={IconReportMoney}
        title={t('home.report.title')}
        empty={t('home.report.empty')}
      />
    </>
  );
}
