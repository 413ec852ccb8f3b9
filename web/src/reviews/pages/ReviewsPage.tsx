import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { IconCoinEuro, IconPlayerPlay, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCalendarDate, formatDate } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { StartReviewDialog, type StartTarget } from '../components/StartReviewDialog';
import { type ReviewSummary, useReviews, useWorklist, type Worklist } from '../reviews.api';
import { dueColor, LIST_STATUSES, listStatus, stepKey, trackKey } from '../reviews.rules';

type WorkItem = Worklist['due'][number];
type EligibleItem = Worklist['eligible'][number];

function StepTable({ label, rows, overdue }: { label: string; rows: WorkItem[] | undefined; overdue: boolean }) {
  const { t } = useI18n();
  return (
    <DataTable<WorkItem>
      label={label}
      rows={rows}
      rowKey={(r) => r.reviewId}
      empty={overdue ? t('reviewsUi.worklist.noneOverdue') : t('reviewsUi.worklist.noneDue')}
      minWidth={560}
      phoneMinWidth={0}
      rowTestId={(r) => `work-${r.reviewId}`}
      columns={[
        {
          key: 'patient',
          header: t('reviewsUi.col.patient'),
          sortBy: (r) => r.patientName,
          cell: (r) => (
            <Anchor component={Link} to={`/reviews/${r.reviewId}`} fw={500}>
              {r.patientName}
            </Anchor>
          ),
        },
        { key: 'step', header: t('reviewsUi.col.nextStep'), cell: (r) => t(stepKey(r.kind, r.followUpYear)) },
        {
          key: 'due',
          header: t('reviewsUi.col.dueDate'),
          sortBy: (r) => r.dueDate,
          cell: (r) => (
            <Badge variant="light" color={dueColor(overdue ? 'overdue' : 'due')}>
              {formatCalendarDate(r.dueDate)}
            </Badge>
          ),
        },
        {
          key: 'year',
          header: t('reviewsUi.col.year'),
          visibleFrom: 'md',
          cell: (r) => t('reviewsUi.yearOf', { year: r.followUpYear }),
        },
      ]}
    />
  );
}

const LIST_TITLE = {
  open: 'reviewsUi.worklist.open',
  completed: 'reviewsUi.list.completed',
  interrupted: 'reviewsUi.list.interrupted',
  cancelled: 'reviewsUi.list.cancelled',
} as const;
const LIST_EMPTY = {
  open: 'reviewsUi.worklist.noneOpen',
  completed: 'reviewsUi.list.noneCompleted',
  interrupted: 'reviewsUi.list.noneInterrupted',
  cancelled: 'reviewsUi.list.noneCancelled',
} as const;
const ENDED_ON = {
  completed: 'reviewsUi.col.completedOn',
  interrupted: 'reviewsUi.col.interruptedOn',
  cancelled: 'reviewsUi.col.cancelledOn',
} as const;

/** When a review that is no longer open ended, as dd/MM/yyyy (a cancellation is an instant, the others days). */
function endedOn(r: ReviewSummary): string {
  if (r.status === 'cancelled') return r.cancelledAt ? formatDate(r.cancelledAt) : '';
  const day = r.status === 'interrupted' ? r.interruptedOn : r.completedOn;
  return day ? formatCalendarDate(day) : '';
}

/**
 * The pharmacy's reviews of one status (in progress by default; completed, interrupted or
 * cancelled on demand). The status lives in the address (`?status=`), so a reload keeps it.
 */
function ReviewList() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = listStatus(params.get('status'));
  const reviews = useReviews(status);
  const open = status === 'open';
  const columns: Column<ReviewSummary>[] = [
    {
      key: 'patient',
      header: t('reviewsUi.col.patient'),
      sortBy: (r) => r.patientName,
      cell: (r) => (
        <Anchor component={Link} to={`/reviews/${r.id}`} fw={500}>
          {r.patientName}
        </Anchor>
      ),
    },
    { key: 'track', header: t('reviewsUi.col.track'), visibleFrom: 'md', cell: (r) => t(trackKey(r.track)) },
  ];
  if (open)
    columns.push(
      {
        key: 'next',
        header: t('reviewsUi.col.nextStep'),
        cell: (r) => (r.next ? t(stepKey(r.next.kind, r.followUpYear)) : t('common.none')),
      },
      {
        key: 'due',
        header: t('reviewsUi.col.dueDate'),
        sortBy: (r) => r.next?.dueDate ?? '9999',
        cell: (r) =>
          r.next ? (
            <Group gap={6} wrap="nowrap">
              <Badge variant="light" color={dueColor(r.next.state)}>
                {formatCalendarDate(r.next.dueDate)}
              </Badge>
            </Group>
          ) : null,
      },
    );
  else
    columns.push(
      {
        key: 'year',
        header: t('reviewsUi.col.year'),
        visibleFrom: 'md',
        cell: (r) => t('reviewsUi.yearOf', { year: r.followUpYear }),
      },
      {
        key: 'ended',
        header: t(ENDED_ON[status]),
        sortBy: (r) => r.interruptedOn ?? r.cancelledAt ?? r.completedOn ?? '',
        cell: endedOn,
      },
    );
  if (status === 'interrupted' || status === 'cancelled')
    columns.push({
      key: 'reason',
      header: t('reviewsUi.col.reason'),
      cell: (r) => (status === 'interrupted' ? r.interruptReason : r.cancelReason) ?? '',
    });

  return (
    <section aria-labelledby="list-title">
      <Group justify="space-between" align="flex-end" mb="xs" gap="sm">
        <Title order={2} size="h4" id="list-title">
          {t(LIST_TITLE[status])}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t('reviewsUi.list.filter')}
          value={status}
          onChange={(value) => setParams(value === 'open' ? {} : { status: value }, { replace: true })}
          data={LIST_STATUSES.map((s) => ({ value: s, label: t(`reviewsUi.list.filter.${s}`) }))}
          data-testid="reviews-status"
        />
      </Group>
      <DataTable<ReviewSummary>
        key={status}
        label={t(LIST_TITLE[status])}
        rows={reviews.data}
        query={reviews}
        rowKey={(r) => r.id}
        empty={t(LIST_EMPTY[status])}
        pageSize={10}
        minWidth={560}
        phoneMinWidth={0}
        rowTestId={(r) => `review-${r.id}`}
        initialSort={open ? { key: 'due', direction: 'asc' } : { key: 'ended', direction: 'desc' }}
        columns={columns}
      />
    </section>
  );
}

/** The pharmacy's review worklist (SPEC §7): late steps, this week's steps, eligible patients, reviews in progress. */
export function ReviewsPage() {
  const { t } = useI18n();
  const worklist = useWorklist();
  const [start, setStart] = useState<StartTarget | null>(null);
  const today = worklist.data?.day ?? '';

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('reviewsUi.worklist.title')}
        subtitle={t('reviewsUi.worklist.subtitle')}
        actions={
          <>
            <Button component={Link} to="/patients" variant="default" leftSection={<IconUsers size={18} />}>
              {t('nav.patients')}
            </Button>
            <Button component={Link} to="/reviews/fees" variant="default" leftSection={<IconCoinEuro size={18} />}>
              {t('nav.reviewFees')}
            </Button>
          </>
        }
      />

      <section aria-labelledby="overdue-title">
        <Title order={2} size="h4" id="overdue-title" mb="xs">
          {t('reviewsUi.worklist.overdue')}
        </Title>
        <StepTable label={t('reviewsUi.worklist.overdue')} rows={worklist.data?.overdue} overdue />
      </section>

      <section aria-labelledby="due-title">
        <Title order={2} size="h4" id="due-title" mb="xs">
          {t('reviewsUi.worklist.due')}
        </Title>
        <StepTable label={t('reviewsUi.worklist.due')} rows={worklist.data?.due} overdue={false} />
      </section>

      <section aria-labelledby="eligible-title">
        <Title order={2} size="h4" id="eligible-title" mb="xs">
          {t('reviewsUi.worklist.eligible')}
        </Title>
        <DataTable<EligibleItem>
          label={t('reviewsUi.worklist.eligible')}
          rows={worklist.data?.eligible}
          query={worklist}
          rowKey={(r) => r.patientId}
          empty={t('reviewsUi.worklist.noneEligible')}
          pageSize={10}
          minWidth={560}
          phoneMinWidth={0}
          rowTestId={(r) => `eligible-${r.patientId}`}
          columns={[
            {
              key: 'patient',
              header: t('reviewsUi.col.patient'),
              sortBy: (r) => r.patientName,
              cell: (r) => (
                <Anchor component={Link} to={`/patients/${r.patientId}`} fw={500}>
                  {r.patientName}
                </Anchor>
              ),
            },
            {
              key: 'where',
              header: t('reviewsUi.col.where'),
              visibleFrom: 'md',
              sortBy: (r) => r.careHomeName ?? '',
              cell: (r) => r.careHomeName ?? t('reviewsUi.community'),
            },
            {
              key: 'rule',
              header: t('reviewsUi.col.rule'),
              visibleFrom: 'md',
              cell: (r) => t(`reviews.rule.${r.rule}`),
            },
            {
              key: 'start',
              header: t('common.actions'),
              hideHeader: true,
              align: 'right',
              cell: (r) => (
                <Button
                  size="xs"
                  leftSection={<IconPlayerPlay size={14} />}
                  // The name read out starts with the words shown (WCAG 2.5.3).
                  aria-label={t(r.lastReviewYear ? 'reviewsUi.start.nextYearFor' : 'reviewsUi.start.for', {
                    patient: r.patientName,
                  })}
                  onClick={() =>
                    setStart({ patientId: r.patientId, patientName: r.patientName, lastReviewYear: r.lastReviewYear })
                  }
                >
                  {r.lastReviewYear ? t('reviewsUi.start.nextYear') : t('reviewsUi.start.button')}
                </Button>
              ),
            },
          ]}
        />
      </section>

      <ReviewList />

      <StartReviewDialog target={start} today={today} onClose={() => setStart(null)} />
    </Stack>
  );
}
