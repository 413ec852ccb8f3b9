import { SegmentedControl } from '@mantine/core';
import { type Lang, useI18n } from '../i18n/i18n';

/** FR / EN toggle; each option carries its language's own name for screen readers. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      aria-label={t('lang.label')}
      data={[
        {
          value: 'fr',
          label: (
            <span lang="fr" title={t('lang.fr')}>
              FR
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span lang="en" title={t('lang.en')}>
              EN
            </span>
          ),
        },
      ]}
    />
  );
}
