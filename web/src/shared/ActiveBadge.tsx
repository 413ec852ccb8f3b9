import { Badge } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/** "Actif" / "Désactivé" for an account, a pharmacy or a care home. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return (
    <Badge variant="dot" color={active ? 'teal' : 'gray'}>
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}
