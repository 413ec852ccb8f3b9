import { Anchor, Badge, Button, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ResidentStatus } from '../../../../server/orders/orders.models';
import { searchMatches } from '../../../../server/shared/collate';
import { useSessionUser } from '../../auth/auth-context';
import { useCareHomes } from '../../care-homes/care-homes.api';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { formatCalendarDate } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { ResidentDialog } from '../components/ResidentDialog';
import { type Resident, type ResidentRow, useResidents } from '../orders.api';

const STATUS_COLORS: Record<ResidentStatus, string> = {
  active: 'teal',
  hospitalised: 'orange',
  discharged: 'gray',
  deceased: 'dark',
};

export function ResidentStatusBadge({ resident }: { resident: Pick<Resident, 'status' | 'statusFrom' | 'statusTo'> }) {
  const { t } = useI18n();
  const dates =
    resident.statusFrom && resident.statusTo
      ? t('prescriptions.fromTo', {
          from: formatCalendarDate(resident.statusFrom),
          to: formatCalendarDate(resident.statusTo),
        })
      : resident.statusFrom
        ? t('residents.statusSince', { from: formatCalendarDate(resident.statusFrom) })
        : '';
  // The dates go under the badge: « SORTI · DEPUIS LE 15/11/2026 » in one badge, which never
  // wraps, pushed a phone's residents table past the screen.
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={STATUS_COLORS[resident.status]} variant="light">
        {t(`residents.status.${resident.status}`)}
      </Badge>
      {dates ? (
        <Text size="xs" c="dimmed">
          {dates}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * `/residents`: the residents of a care home (pharmacy staff choose among the care homes they
 * serve; a care home sees its own), with their status and lines in force; staff admit residents.
 */
export function ResidentsPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const isStaff = user.role === 'pharmacist' || user.role === 'technician';
  const careHomes = useCareHomes(isStaff);
  const [params, setParams] = useSearchParams();
  const chosen = Number(params.get('careHome')) || undefined;
  const careHomeId = user.careHome?.id ?? chosen ?? careHomes.data?.[0]?.id;
  const residents = useResidents(careHomeId, careHomeId !== undefined);
  const [search, setSearch] = useState('');
  const [admitting, setAdmitting] = useState<{ resident: null } | null>(null);
  // Accents, œ/æ and case ignored: "lathiere" finds LATHIÈRE, "oeillet" ŒILLET.
  const rows = residents.data?.filter((r) => searchMatches(`${r.lastName} ${r.firstName} ${r.room}`, search));
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('residents.title')}
        subtitle={isStaff ? t('residents.subtitle.staff') : t('residents.subtitle.carehome')}
        actions={
          isStaff && careHomeId ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdmitting({ resident: null })}>
              {t('residents.admit')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="sm">
        {isStaff ? (
          <Select
            label={t('residents.careHome')}
            w="100%"
            maw={360}
            allowDeselect={false}
            data={(careHomes.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            value={careHomeId ? String(careHomeId) : null}
            onChange={(value) => value && setParams({ careHome: value }, { replace: true })}
          />
        ) : null}
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('residents.search')}
          aria-label={t('residents.search')}
          w="100%"
          maw={360}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </Stack>
      <DataTable<ResidentRow>
        label={t('residents.title')}
        rows={rows}
        query={residents}
        rowKey={(r) => r.id}
        empty={t('residents.empty')}
        pageSize={25}
        initialSort={{ key: 'name', direction: 'asc' }}
        minWidth={600}
        phoneMinWidth={340}
        columns={[
          {
            key: 'name',
            header: t('residents.col.name'),
            sortBy: (r) => `${r.lastName} ${r.firstName}`,
            cell: (r) => (
              <>
                <Anchor component={Link} to={`/residents/${r.id}`} fw={500}>
                  {r.lastName.toLocaleUpperCase('fr')} {r.firstName}
                </Anchor>
                {/* A phone keeps the status whole: the room goes under the name, as in the order grid. */}
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {t('orders.grid.room', { room: r.room })}
                </Text>
              </>
            ),
          },
          {
            key: 'room',
            header: t('residents.col.room'),
            visibleFrom: 'sm',
            sortBy: (r) => r.room,
            cell: (r) => r.room,
          },
          {
            key: 'birthDate',
            header: t('residents.col.birthDate'),
            visibleFrom: 'md',
            sortBy: (r) => r.birthDate,
            cell: (r) => formatCalendarDate(r.birthDate),
          },
          {
            key: 'status',
            header: t('common.status'),
            sortBy: (r) => r.status,
            cell: (r) => <ResidentStatusBadge resident={r} />,
          },
          {
            key: 'lines',
            header: t('residents.col.lines'),
            align: 'right',
            visibleFrom: 'sm',
            sortBy: (r) => r.activeLines,
            cell: (r) => r.activeLines,
          },
        ]}
      />
      {careHomeId ? (
        <ResidentDialog target={admitting} careHomeId={careHomeId} onClose={() => setAdmitting(null)} />
      ) : null}
    </Stack>
  );
}
