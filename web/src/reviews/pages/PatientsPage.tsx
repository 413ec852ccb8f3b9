import { Anchor, Badge, Button, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { formatCalendarDate } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { NewPatientDialog } from '../components/PatientDialogs';
import { type PatientItem, usePatients } from '../reviews.api';

function EligibleBadge({ eligible }: { eligible: boolean | null }) {
  const { t } = useI18n();
  if (eligible === null) {
    return (
      <Badge variant="light" color="yellow">
        {t('reviews.eligibility.unknown')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={eligible ? 'teal' : 'gray'}>
      {t(eligible ? 'reviews.eligibility.eligible' : 'reviews.eligibility.notEligible')}
    </Badge>
  );
}

/** The pharmacy's patients: community patients and the residents of the care homes it serves. */
export function PatientsPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const patients = usePatients(q);
  const all = usePatients();
  const [creating, setCreating] = useState(false);
  const linked = useMemo(
    () => new Set((all.data ?? []).map((p) => p.residentId).filter((id): id is number => id !== null)),
    [all.data],
  );

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('reviewsUi.patients.title')}
        subtitle={t('reviewsUi.patients.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
            {t('reviewsUi.patient.new')}
          </Button>
        }
      />
      <TextInput
        label={t('common.search')}
        placeholder={t('reviewsUi.patients.searchHint')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />
      <DataTable<PatientItem>
        label={t('reviewsUi.patients.title')}
        rows={patients.data}
        query={patients}
        rowKey={(p) => p.id}
        empty={t('reviewsUi.patients.empty')}
        pageSize={25}
        minWidth={620}
        rowTestId={(p) => `patient-${p.id}`}
        columns={[
          {
            key: 'name',
            header: t('reviewsUi.col.patient'),
            sortBy: (p) => `${p.lastName} ${p.firstName}`,
            cell: (p) => (
              <Anchor component={Link} to={`/patients/${p.id}`} fw={500}>
                {p.lastName} {p.firstName}
              </Anchor>
            ),
          },
          {
            key: 'birth',
            header: t('reviewsUi.patient.birthDate'),
            visibleFrom: 'md',
            sortBy: (p) => p.birthDate ?? '',
            cell: (p) => (p.birthDate ? formatCalendarDate(p.birthDate) : t('common.none')),
          },
          {
            key: 'where',
            header: t('reviewsUi.col.where'),
            sortBy: (p) => p.careHomeName ?? '',
            cell: (p) => (p.careHomeName ? `${p.careHomeName}, ch. ${p.room}` : t('reviewsUi.community')),
          },
          {
            key: 'eligible',
            header: t('reviews.eligibility.title'),
            cell: (p) => <EligibleBadge eligible={p.eligible} />,
          },
          {
            key: 'review',
            header: t('reviewsUi.col.review'),
            cell: (p) =>
              p.openReviewId ? (
                <Anchor component={Link} to={`/reviews/${p.openReviewId}`}>
                  {t('reviewsUi.patients.openReview')}
                </Anchor>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
      <NewPatientDialog opened={creating} linkedResidents={linked} onClose={() => setCreating(false)} />
    </Stack>
  );
}
