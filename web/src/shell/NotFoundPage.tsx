import { Button, EmptyState } from '@mantine/core';
import { type Icon, IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../shared/PageHeader';

/**
 * "Nothing here" as a page: its title (the page's h1), why, and a way back. Pages whose
 * object does not exist or is another pharmacy's use it as the API answers them (404).
 */
export function NotFoundState({
  title,
  body,
  backTo,
  backLabel,
  icon: Glyph = IconMapOff,
}: {
  title: string;
  body: string;
  backTo: string;
  backLabel: string;
  icon?: Icon;
}) {
  usePageTitle(title);
  return (
    <EmptyState
      mt="xl"
      icon={<Glyph />}
      variant="light"
      title={<h1 style={{ margin: 0, font: 'inherit' }}>{title}</h1>}
      description={body}
    >
      <EmptyState.Actions>
        <Button component={Link} to={backTo}>
          {backLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <NotFoundState title={t('notFound.title')} body={t('notFound.body')} backTo="/" backLabel={t('notFound.back')} />
  );
}
