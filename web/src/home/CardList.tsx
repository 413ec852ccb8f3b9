import { Anchor, Box, Stack, Text } from '@mantine/core';
import type { Key, ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/**
 * The first `max` things a home card lists, then "et N de plus": a card stays short, its link
 * shows all. With `moreTo`, "et N de plus" is itself a link to that page.
 */
export function CardList<T>({
  items,
  itemKey,
  max = 5,
  moreTo,
  children,
}: {
  items: readonly T[];
  itemKey: (item: T) => Key;
  max?: number;
  moreTo?: string;
  children: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.slice(0, max).map((item) => (
        <Box component="li" key={itemKey(item)}>
          {children(item)}
        </Box>
      ))}
      {items.length > max ? (
        <Text component="li" size="sm" c="dimmed">
          {moreTo ? (
            <Anchor component={Link} to={moreTo} size="sm">
              {t('home.alerts.more', { count: items.length - max })}
            </Anchor>
          ) : (
            t('home.alerts.more', { count: items.length - max })
          )}
        </Text>
      ) : null}
    </Stack>
  );
}
