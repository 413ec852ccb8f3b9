import { Group, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

/** Sets the browser tab's title to "<page> — Officoop" while the page is shown. */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}

/**
 * The top of a page: its title (the page's one h1, also the browser tab's title), a line
 * saying what the page is for, and the page's main actions on the right.
 */
export function PageHeader({
  title,
  subtitle,
  actions,
  tabTitle,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** The tab's title when it should differ from the heading (a greeting). */
  tabTitle?: string;
}) {
  usePageTitle(tabTitle ?? title);
  return (
    <Group justify="space-between" align="flex-end" gap="md">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
      </div>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
