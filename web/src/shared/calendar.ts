import type { CalendarAriaLabels } from '@mantine/dates';
import { useI18n } from '../i18n/i18n';

/** Names for the calendar's arrows and level buttons, so date pickers are usable by keyboard and screen reader. */
export function useCalendarLabels(): CalendarAriaLabels {
  const { t } = useI18n();
  return {
    previousMonth: t('calendar.previousMonth'),
    nextMonth: t('calendar.nextMonth'),
    previousYear: t('calendar.previousYear'),
    nextYear: t('calendar.nextYear'),
    previousDecade: t('calendar.previousDecade'),
    nextDecade: t('calendar.nextDecade'),
    monthLevelControl: t('calendar.chooseMonth'),
    yearLevelControl: t('calendar.chooseYear'),
  };
}
