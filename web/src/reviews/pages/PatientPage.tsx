import { Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconCheck,
  IconMinus,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconX,
  IconZoomQuestion,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate } from '../../shared/format';
import { usePageTitle } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { NotFoundState } from '../../shell/NotFoundPage';
import { EditPatientDialog, MedicationDialog } from '../components/PatientDialogs';
import { StartReviewDialog, type StartTarget } from '../components/StartReviewDialog';
import { StopMedicationDialog, type StopTarget } from '../components/StopMedicationDialog';
import { type Medication, type PatientDetail, type ReviewSummary, usePatient } from '../reviews.api';
import {
  criterionTone,
  dueColor,
  reasonMessage,
  reasonsByRule,
  startBlockedReason,
  stepKey,
  trackKey,
} from '../reviews.rules';

function EligibilityPanel({ patient }: { patient: PatientDetail }) {
  const { t } = useI18n();
  const e = patient.eligibility;
  const deceased = e.deceasedOn != null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="eligibility">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('reviews.eligibility.title')}
        </Title>
        <Badge size="lg" color={e.deceasedOn ? 'gray' : e.error ? 'yellow' : e.eligible ? 'teal' : 'gray'}>
          {e.error && !e.deceasedOn
            ? t('reviews.eligibility.unknown')
            : t(e.eligible ? 'reviews.eligibility.eligible' : 'reviews.eligibility.notEligible')}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('reviews.eligibility.on', { date: formatCalendarDate(e.day) })}
      </Text>
      {e.deceasedOn ? (
        // The death is the reason, first and alone in full ink; the criteria below no longer count.
        <Group gap="xs" wrap="nowrap" mb="sm">
          <ThemeIcon size={18} radius="xl" color="dark" variant="filled" aria-hidden>
            <IconX size={12} />
          </ThemeIcon>
          <Text size="sm" fw={500} data-testid="eligibility-deceased">
            {t('reviews.eligibility.deceased', { date: formatCalendarDate(e.deceasedOn) })}
          </Text>
        </Group>
      ) : e.error ? (
        <Text size="sm">{t('errors.reviews.birth_date_missing')}</Text>
      ) : null}
      {deceased && e.reasons.length ? (
        <Text size="xs" c="dimmed" mb={4}>
          {t('reviews.eligibility.criteriaAfterDeath')}
        </Text>
      ) : null}
      <Stack gap="md" data-testid="eligibility-criteria" data-muted={deceased || undefined}>
        {reasonsByRule(e.reasons).map((group) => {
          const ruleTone = criterionTone(group.holds, deceased);
          return (
            <div key={group.rule}>
              <Text size="sm" fw={600} c={ruleTone === 'held' ? 'teal' : ruleTone === 'muted' ? 'dimmed' : undefined}>
                {t(`reviews.rule.${group.rule}`)}
              </Text>
              <List spacing={4} size="sm" mt={4} center>
                {group.items.map((reason) => {
                  const m = reasonMessage(reason);
                  const tone = criterionTone(reason.met, deceased);
                  const Glyph = tone === 'held' ? IconCheck : tone === 'muted' ? IconMinus : IconX;
                  return (
                    <List.Item
                      key={reason.code}
                      c={tone === 'muted' ? 'dimmed' : undefined}
                      icon={
                        <ThemeIcon size={18} radius="xl" color={tone === 'held' ? 'teal' : 'gray'} variant="light">
                          <Glyph size={12} />
                        </ThemeIcon>
                      }
                    >
                      {t(m.key, m.params)}
                      {reason.items?.length ? (
                        <Text size="xs" c="dimmed">
                          {reason.items.map((s) => s.toLowerCase()).join(', ')}
                        </Text>
                      ) : null}
                    </List.Item>
                  );
                })}
              </List>
            </div>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** A badge whose label wraps on a narrow screen rather than being cut (« Entretien conseil · 12/… »). */
const WRAPPING_BADGE = { label: { whiteSpace: 'normal' as const } };

function Medications({ patient, onStop }: { patient: PatientDetail; onStop: (line: Medication) => void }) {
  const { t } = useI18n();
  const today = patient.eligibility.day;
  const product = (m: Medication) => (
    <Stack gap={0}>
      <Text size="sm" fw={500} c={m.active ? undefined : 'dimmed'}>
        {m.productLabel}
      </Text>
      <Text size="xs" c="dimmed">
        {m.substances.map((s) => s.toLowerCase()).join(', ')}
      </Text>
      {m.dosage ? (
        <Text size="xs" data-testid="medication-dosage">
          {m.dosage}
        </Text>
      ) : null}
    </Stack>
  );
  const reimbursed = (m: Medication) =>
    m.reimbursed ? (
      <Text size="sm" span>{`${m.reimbursementRatePct} %`}</Text>
    ) : (
      <Badge variant="light" color="gray">
        {t('reviewsUi.medication.notReimbursed')}
      </Badge>
    );
  const source = (m: Medication) => (
    <Badge variant="light" color={m.source === 'pda' ? 'blue' : 'gray'}>
      {t(m.source === 'pda' ? 'reviewsUi.medication.pda' : 'reviewsUi.medication.other')}
    </Badge>
  );
  return (
    <DataTable<Medication>
      label={t('reviewsUi.patient.medications')}
      rows={patient.medications}
      rowKey={(m) => `${m.source}-${m.id}`}
      rowName={(m) => m.productLabel}
      rowTestId={(m) => `medication-${m.source}-${m.id}`}
      empty={t('reviewsUi.patient.noMedications')}
      minWidth={640}
      // On a phone each line reads as one summary beside its « Arrêter » (it was off screen).
      phoneMinWidth={0}
      initialSort={{ key: 'start', direction: 'asc' }}
      columns={[
        {
          key: 'summary',
          header: t('reviewsUi.medication.product'),
          hiddenFrom: 'sm',
          cell: (m) => (
            <Stack gap={4}>
              {product(m)}
              <Text size="xs">
                {t('reviewsUi.medication.since')} {formatCalendarDate(m.startDate)}
                {m.endDate ? ` · ${t('reviewsUi.medication.until')} ${formatCalendarDate(m.endDate)}` : ''}
              </Text>
              <Group gap={4}>
                {m.reimbursed ? (
                  <Text size="xs">
                    {t('reviewsUi.medication.reimbursed')} {m.reimbursementRatePct} %
                  </Text>
                ) : (
                  reimbursed(m)
                )}
                {source(m)}
              </Group>
            </Stack>
          ),
        },
        {
          key: 'product',
          header: t('reviewsUi.medication.product'),
          sortBy: (m) => m.productLabel,
          visibleFrom: 'sm',
          cell: product,
        },
        { key: 'reimbursed', header: t('reviewsUi.medication.reimbursed'), visibleFrom: 'sm', cell: reimbursed },
        {
          key: 'start',
          header: t('reviewsUi.medication.since'),
          sortBy: (m) => m.startDate,
          visibleFrom: 'sm',
          cell: (m) => formatCalendarDate(m.startDate),
        },
        {
          key: 'end',
          header: t('reviewsUi.medication.until'),
          visibleFrom: 'md',
          cell: (m) => (m.endDate ? formatCalendarDate(m.endDate) : t('common.none')),
        },
        { key: 'source', header: t('reviewsUi.medication.source'), visibleFrom: 'sm', cell: source },
      ]}
      // A PDA line is stopped on the resident's prescriptions; a line already over stays as it is.
      actions={(m) =>
        m.source === 'other' && (m.endDate == null || m.endDate >= today)
          ? [{ label: t('reviewsUi.medication.stop'), icon: IconPlayerStop, color: 'red', onClick: () => onStop(m) }]
          : []
      }
    />
  );
}

function Patient({ patient }: { patient: PatientDetail }) {
  const { t } = useI18n();
  const name = `${patient.lastName} ${patient.firstName}`;
  usePageTitle(name);
  const [editing, setEditing] = useState<PatientDetail | null>(null);
  const [adding, setAdding] = useState<PatientDetail | null>(null);
  const [start, setStart] = useState<StartTarget | null>(null);
  const [stopping, setStopping] = useState<StopTarget | null>(null);
  const open = patient.reviews.find((r) => r.status === 'open');
  const last = patient.reviews.reduce<number | null>((m, r) => Math.max(m ?? 0, r.followUpYear), null);
  const blocked = startBlockedReason({
    deceasedOn: patient.eligibility.deceasedOn ?? null,
    lastReviewYear: last,
    // Eligibility that cannot be computed (no birth date) is unknown, not "not eligible".
    eligible: patient.eligibility.error ? null : patient.eligibility.eligible,
  });

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to="/patients" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('reviewsUi.patient.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {name}
        </Title>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(patient)}>
            {t('common.edit')}
          </Button>
          {open ? (
            <Button component={Link} to={`/reviews/${open.id}`}>
              {t('reviewsUi.patients.openReview')}
            </Button>
          ) : (
            <Stack gap={4} align="flex-end">
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                disabled={blocked !== null}
                aria-describedby={blocked ? 'start-blocked' : undefined}
                onClick={() => setStart({ patientId: patient.id, patientName: name, lastReviewYear: last })}
              >
                {last ? t('reviewsUi.start.nextYear') : t('reviewsUi.start.button')}
              </Button>
              {/* A greyed-out button says why, next to it (the panel below gives the detail). */}
              {blocked ? (
                <Text id="start-blocked" size="xs" c="dimmed" maw={260} ta="right" data-testid="start-blocked">
                  {t(`reviewsUi.start.blocked.${blocked}`)}
                </Text>
              ) : null}
            </Stack>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <SimpleGrid cols={2} spacing="md">
            <Fact label={t('reviewsUi.patient.birthDate')}>
              {patient.birthDate ? formatCalendarDate(patient.birthDate) : t('common.none')}
            </Fact>
            <Fact label={t('reviewsUi.col.where')}>
              {patient.careHomeName ? `${patient.careHomeName}, ch. ${patient.room}` : t('reviewsUi.community')}
            </Fact>
            <Fact label={t('reviewsUi.patient.gpName')}>{patient.gpName ?? t('common.none')}</Fact>
            <Fact label={t('reviewsUi.patient.gpContact')}>{patient.gpContact ?? t('common.none')}</Fact>
            <Fact label={t('reviewsUi.patient.gpPrescriptionDate')}>
              {patient.gpPrescriptionDate ? formatCalendarDate(patient.gpPrescriptionDate) : t('common.none')}
            </Fact>
          </SimpleGrid>
        </Paper>
        <EligibilityPanel patient={patient} />
      </SimpleGrid>

      <section aria-labelledby="meds-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="meds-title">
            {t('reviewsUi.patient.medications')}
          </Title>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(patient)}>
            {t('reviewsUi.medication.title')}
          </Button>
        </Group>
        {patient.residentId !== null ? (
          <Text size="sm" c="dimmed" mb="xs">
            {t('reviewsUi.patient.pdaHint')}
          </Text>
        ) : null}
        <Medications
          patient={patient}
          onStop={(line) => setStopping({ patientId: patient.id, line, today: patient.eligibility.day })}
        />
      </section>

      <section aria-labelledby="reviews-title">
        <Title order={2} size="h4" id="reviews-title" mb="xs">
          {t('reviewsUi.patient.reviews')}
        </Title>
        <DataTable<ReviewSummary>
          label={t('reviewsUi.patient.reviews')}
          rows={patient.reviews}
          rowKey={(r) => r.id}
          empty={t('reviewsUi.patient.noReviews')}
          // Three columns fit a phone, the next step's badge wrapping under its name.
          phoneMinWidth={0}
          columns={[
            {
              key: 'year',
              header: t('reviewsUi.col.year'),
              cell: (r) => (
                <Anchor component={Link} to={`/reviews/${r.id}`} fw={500}>
                  {t('reviewsUi.yearOf', { year: r.followUpYear })}
                </Anchor>
              ),
            },
            { key: 'track', header: t('reviewsUi.col.track'), visibleFrom: 'md', cell: (r) => t(trackKey(r.track)) },
            { key: 'start', header: t('reviewsUi.review.startedOn'), cell: (r) => formatCalendarDate(r.startedOn) },
            {
              key: 'status',
              header: t('common.status'),
              cell: (r) =>
                r.next ? (
                  <Badge variant="light" color={dueColor(r.next.state)} h="auto" styles={WRAPPING_BADGE}>
                    {t(stepKey(r.next.kind, r.followUpYear))} · {formatCalendarDate(r.next.dueDate)}
                  </Badge>
                ) : (
                  <Badge
                    variant="light"
                    color={r.status === 'cancelled' ? 'gray' : r.status === 'interrupted' ? 'orange' : 'teal'}
                    h="auto"
                    styles={WRAPPING_BADGE}
                  >
                    {t(`reviews.status.${r.status}`)}
                  </Badge>
                ),
            },
          ]}
        />
      </section>

      <EditPatientDialog patient={editing} onClose={() => setEditing(null)} />
      <MedicationDialog patient={adding} onClose={() => setAdding(null)} />
      <StopMedicationDialog target={stopping} onClose={() => setStopping(null)} />
      <StartReviewDialog target={start} today={patient.eligibility.day} onClose={() => setStart(null)} />
    </Stack>
  );
}

/** One patient: who they are, whether they are eligible and why, their treatment lines and reviews. */
export function PatientPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const patient = usePatient(id);
  if (patient.error && (patient.error as { status?: number }).status === 404) {
    return (
      <NotFoundState
        icon={IconZoomQuestion}
        title={t('reviewsUi.patient.notFound')}
        body={t('errors.patients.not_found')}
        backTo="/patients"
        backLabel={t('reviewsUi.patient.back')}
      />
    );
  }
  if (!patient.data) return <QueryState query={patient} />;
  return <Patient patient={patient.data} />;
}
