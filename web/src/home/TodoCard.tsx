import { Anchor, Badge, Card, EmptyState, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

type TodoCardProps = {
  title: string;
  icon: Icon;
  /**
   * How many things wait; `undefined` while they load. A card that counts passes it always
   * (`count={data ? n : undefined}`): while it is undefined the card says « Chargement… », not its
   * empty state (a late-changes card read « Aucune demande en attente » before showing 1).
   */
  count?: number;
  /** Shown when there is nothing to do (and no children). */
  empty?: string;
  /** The page where the thing is done: every card has one (docs/ADDING-A-DOMAIN.md, Web). */
  link?: { to: string; label: string };
  children?: ReactNode;
  testId?: string;
};

/**
 * One "what needs doing today" card of a home page: a count, a list or an empty state, and a
 * link to the page where it is done. A card exists only for a feature that works.
 */
export function TodoCard(props: TodoCardProps) {
  const { title, icon: CardIcon, count, empty, link, children, testId } = props;
  const { t } = useI18n();
  const loading = 'count' in props && count === undefined;
  const headingId = `todo-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Card component="section" aria-labelledby={headingId} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" mb="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" aria-hidden>
            <CardIcon size={20} />
          </ThemeIcon>
          <Text component="h3" id={headingId} fw={600} fz="md" m={0}>
            {title}
          </Text>
        </Group>
        {count !== undefined ? (
          <Badge variant={count > 0 ? 'filled' : 'light'} color={count > 0 ? 'orange' : 'gray'} size="lg">
            {count}
          </Badge>
        ) : null}
      </Group>
      <Stack gap="sm" justify="space-between" style={{ flexGrow: 1 }}>
        {children ??
          (loading ? (
            <Text size="sm" c="dimmed" role="status">
              {t('common.loading')}
            </Text>
          ) : (
            <EmptyState size="sm" align="left" description={empty} />
          ))}
        {link ? (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        ) : null}
      </Stack>
    </Card>
  );
}
