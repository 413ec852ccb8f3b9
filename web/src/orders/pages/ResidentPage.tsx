import { Alert, Button, Card, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { IconInfoCircle, IconPencil, IconPlus, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { isNotFound } from '../../shared/api';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { NotFoundState } from '../../shell/NotFoundPage';
import { PrescriptionDialog, StopPrescriptionDialog } from '../components/PrescriptionDialog';
import { PrescriptionsTable } from '../components/PrescriptionsTable';
import { ResidentDialog } from '../components/ResidentDialog';
import { type Prescription, type Resident, useCareHomeSettings, usePrescriptions, useResident } from '../orders.api';
import { ResidentStatusBadge } from './ResidentsPage';

function ResidentView({ resident }: { resident: Resident }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const isStaff = user.role === 'pharmacist' || user.role === 'technician';
  const writes = user.role === 'pharmacist';
  const settings = useCareHomeSettings(resident.careHomeId);
  const times = settings.data?.administrationTimes.map((a) => a.name) ?? ['matin', 'midi', 'soir', 'coucher'];
  const prescriptions = usePrescriptions(resident.id);
  const [editing, setEditing] = useState<{ resident: Resident } | null>(null);
  const [lineTarget, setLineTarget] = useState<{ line: Prescription | null } | null>(null);
  const [stopping, setStopping] = useState<Prescription | null>(null);
  const current = prescriptions.data?.filter((l) => l.state === 'active' || l.state === 'planned');
  const past = prescriptions.data?.filter((l) => l.state === 'ended' || l.state === 'replaced').reverse();
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={`${resident.lastName.toLocaleUpperCase('fr')} ${resident.firstName}`}
        subtitle={t('residents.page.subtitle', { room: resident.room })}
        actions={
          isStaff ? (
            <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setEditing({ resident })}>
              {t('residents.edit')}
            </Button>
          ) : undefined
        }
      />
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={t('residents.col.birthDate')}>{formatCalendarDate(resident.birthDate)}</Fact>
          <Fact label={t('residents.col.room')}>{resident.room}</Fact>
          <Fact label={t('common.status')}>
            <ResidentStatusBadge resident={resident} />
          </Fact>
          <Fact label={t('residents.col.lines')}>{current?.filter((l) => l.replacedById === null).length ?? '…'}</Fact>
        </SimpleGrid>
      </Card>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('prescriptions.current')}
          </Title>
          {writes ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setLineTarget({ line: null })}>
              {t('prescriptions.add')}
            </Button>
          ) : null}
        </Group>
        {!writes ? (
          <Alert color="gray" icon={<IconInfoCircle size={18} />} role="status">
            {t('prescriptions.readOnly')}
          </Alert>
        ) : null}
        {/* Gone from the care home: the lines stay « En cours » (a return brings them back as they
            were), but no pouch is prepared from that day; said here, not left to be guessed. */}
        {(resident.status === 'discharged' || resident.status === 'deceased') && resident.statusFrom ? (
          <Alert color="orange" icon={<IconInfoCircle size={18} />} data-testid="lines-not-prepared">
            {t(`prescriptions.notPrepared.${resident.status}`, { from: formatCalendarDate(resident.statusFrom) })}
          </Alert>
        ) : null}
        <QueryState query={{ error: prescriptions.error, isPending: false }} />
        <PrescriptionsTable
          label={t('prescriptions.current')}
          lines={current}
          times={times}
          empty={t('prescriptions.empty')}
          onReplace={writes ? (line) => setLineTarget({ line }) : undefined}
          onStop={writes ? setStopping : undefined}
        />
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('prescriptions.history')}
        </Title>
        <PrescriptionsTable
          label={t('prescriptions.history')}
          lines={past}
          times={times}
          empty={t('prescriptions.historyEmpty')}
        />
      </Stack>
      <ResidentDialog target={editing} careHomeId={resident.careHomeId} onClose={() => setEditing(null)} />
      <PrescriptionDialog
        target={lineTarget}
        residentId={resident.id}
        times={times}
        onClose={() => setLineTarget(null)}
      />
      <StopPrescriptionDialog line={stopping} onClose={() => setStopping(null)} />
    </Stack>
  );
}

/** `/residents/:id`: a resident, the PDA lines in force and every earlier version. */
export function ResidentPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const resident = useResident(Number(id));
  // An id that is none of this user's (another pharmacy's, a mistyped link): a way back, not a bare line.
  if (isNotFound(resident.error))
    return (
      <NotFoundState
        icon={IconUserOff}
        title={t('residents.notFound')}
        body={t('residents.notFound.body')}
        backTo="/residents"
        backLabel={t('residents.notFound.back')}
      />
    );
  if (!resident.data) return <QueryState query={resident} />;
  return <ResidentView resident={resident.data} />;
}
