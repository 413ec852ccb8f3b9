import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMedicalCross } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';

export function Logo({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={compact ? 30 : 36} radius="md" aria-hidden>
        <IconMedicalCross size={compact ? 18 : 22} />
      </ThemeIcon>
      <Text fw={750} fz={compact ? 'lg' : 'xl'} c="teal.9">
        {t('app.name')}
      </Text>
    </Group>
  );
}
