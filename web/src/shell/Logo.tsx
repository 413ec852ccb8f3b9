import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMedicalCross } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';

/**
 * The cross and the word « Officoop ». `compact` is the header's: there the word gives way on a
 * phone, so the pharmacy or care home the user works for is not cut to « E… ».
 */
export function Logo({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={compact ? 30 : 36} radius="md" aria-hidden>
        <IconMedicalCross size={compact ? 18 : 22} />
      </ThemeIcon>
      <Text fw={750} fz={compact ? 'lg' : 'xl'} c="teal.9" visibleFrom={compact ? 'sm' : undefined}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
