import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCalendarDate } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { CategoryModal, KeyModal } from '../components/CategoryModals';
import { type Category, useCategories } from '../shares.api';

const START = '2000-01-01';

/** Ledger categories and their allocation keys, dated: which key shares what, from when. */
export function CategoriesPage() {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [keyOf, setKeyOf] = useState<Category | null>(null);
  const categories = useCategories();
  const kind = (c: Category) => (
    <Badge size="sm" variant="light" color={c.kind === 'cost' ? 'orange' : 'teal'}>
      {t(`shares.kind.${c.kind}`)}
    </Badge>
  );
  const columns: Column<Category>[] = [
    // On a phone, one summary per category (its kind and today's key under its name): no sideways scroll.
    {
      key: 'summary',
      header: t('shares.col.category'),
      hiddenFrom: 'sm',
      cell: (c) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm" fw={600}>
            {c.name}
          </Text>
          {kind(c)}
          <Text size="sm">{t(`shares.key.${c.allocationKey}`)}</Text>
        </Stack>
      ),
    },
    { key: 'name', header: t('shares.col.category'), cell: (c) => c.name, sortBy: (c) => c.name, visibleFrom: 'sm' },
    { key: 'kind', header: t('shares.field.kind'), cell: kind, sortBy: (c) => c.kind, visibleFrom: 'sm' },
    {
      key: 'key',
      header: t('shares.col.keyToday'),
      cell: (c) => t(`shares.key.${c.allocationKey}`),
      visibleFrom: 'sm',
    },
    {
      key: 'history',
      header: t('shares.col.keyHistory'),
      visibleFrom: 'sm',
      cell: (c) => (
        <Stack gap={0}>
          {c.keys.map((k) => (
            <Text size="sm" key={k.validFrom}>
              {k.validFrom === START
                ? t('shares.keyFromStart', { key: t(`shares.key.${k.allocationKey}`) })
                : t('shares.keyFrom', {
                    key: t(`shares.key.${k.allocationKey}`),
                    date: formatCalendarDate(k.validFrom),
                  })}
            </Text>
          ))}
        </Stack>
      ),
    },
  ];
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('shares.categories.title')}
        subtitle={t('shares.categories.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            {t('shares.category.new')}
          </Button>
        }
      />
      <Group>
        <Text size="sm" c="dimmed" maw={900}>
          {t('shares.categories.keysExplained')}
        </Text>
      </Group>
      <DataTable
        label={t('shares.categories.title')}
        columns={columns}
        rows={categories.data?.items}
        query={categories}
        rowKey={(c) => c.id}
        rowName={(c) => c.name}
        empty={t('shares.categories.empty')}
        phoneMinWidth={0}
        actions={(c) => [{ label: t('shares.key.change'), icon: IconKey, onClick: () => setKeyOf(c) }]}
      />
      <CategoryModal opened={adding} onClose={() => setAdding(false)} />
      <KeyModal category={keyOf} onClose={() => setKeyOf(null)} />
    </Stack>
  );
}
