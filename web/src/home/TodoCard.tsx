import { Badge, Card, EmptyState, Group, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type TodoCardProps = {
  title: string;
  icon: Icon;
  /** How many things wait; omitted while the domain does not exist yet. */
  count?: number;
  /** Shown when there is nothing to do (and no children). */
  empty?: string;
  children?: ReactNode;
  testId?: string;
};

/** One "what needs doing today" card of a home page: a count and a list, or an empty state. */
export function TodoCard({ title, icon: CardIcon, count, empty, children, testId }: TodoCardProps) {
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
      {children ?? <EmptyState size="sm" align="left" description={empty} />}
    </Card>
  );
}
