import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Spoiler,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconBan,
  IconFileTypePdf,
  IconMessageReply,
  IconMinus,
  IconPencil,
  IconPlayerStop,
  IconPlus,
  IconZoomQuestion,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { stepMeetsPatient } from '../../../../server/reviews/reviews.models';
import { useSessionUser } from '../../auth/auth-context';
import { type Translate, useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatDate, formatMoney } from '../../shared/format';
import { usePageTitle } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { NotFoundState } from '../../shell/NotFoundPage';
import { AnswerDialog, type AnswerTarget } from '../components/AnswerDialog';
import { CancelReviewDialog, type CancelTarget } from '../components/CancelReviewDialog';
import { InterruptReviewDialog, type InterruptTarget } from '../components/InterruptReviewDialog';
import { ProblemDialog, type ProblemTarget } from '../components/ProblemDialog';
import { StepDialog, type StepTarget } from '../components/StepDialog';
import { gpReportUrl, type Problem, type ReviewDetail, usePatient, useReview } from '../reviews.api';
import {
  answerColor,
  canAddProblem,
  canAnswerProblem,
  canCorrectAnswer,
  dosesText,
  dueColor,
  interventionKey,
  notDoneKey,
  planStepState,
  problemKey,
  proposalKindKey,
  stepKey,
  trackKey,
} from '../reviews.rules';

/** One problem's cells: the desktop table shows each in its column, a phone stacks them in one. */
function problemCells(p: Problem, t: Translate) {
  // The dose proposed to the GP, as the report prints it: what "adjust" means here.
  const doses = (p.change as { doses?: Record<string, number> } | null)?.doses;
  return {
    problem: (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {p.problemCode} — {t(problemKey(p.problemCode))}
        </Text>
        <Text size="xs" c="dimmed">
          {p.description}
        </Text>
      </Stack>
    ),
    drugs: p.drugs.map((d) => d.label).join(', '),
    intervention: (
      <Stack gap={2}>
        <Text size="sm">{`${p.interventionCode} — ${t(interventionKey(p.interventionCode))}`}</Text>
        {doses ? (
          <Text size="xs" c="dimmed" data-testid={`proposed-doses-${p.id}`}>
            {t('reviewsUi.problem.proposedDoses', { doses: dosesText(doses) })}
          </Text>
        ) : null}
      </Stack>
    ),
    answer: (
      <Stack gap={4} align="flex-start">
        <Badge variant="light" color={answerColor(p.gpAnswer)}>
          {t(`reviews.answer.${p.gpAnswer}`)}
          {p.gpAnswerDate ? ` · ${formatCalendarDate(p.gpAnswerDate)}` : ''}
        </Badge>
        {p.gpComment ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }} data-testid={`gp-comment-${p.id}`}>
            {t('reviewsUi.problem.gpComment', { comment: p.gpComment })}
          </Text>
        ) : null}
        {p.proposal ? (
          <Anchor component={Link} to="/prescription-proposals" size="xs">
            {t(proposalKindKey(p.proposal.kind))} · {t(`reviews.proposalStatus.${p.proposal.status}`)}
          </Anchor>
        ) : null}
      </Stack>
    ),
  };
}

function Problems({ review, onAnswer }: { review: ReviewDetail; onAnswer: (p: Problem, correction: boolean) => void }) {
  const { t } = useI18n();
  const { role } = useSessionUser();
  return (
    <DataTable<Problem>
      label={t('reviewsUi.review.problems')}
      rows={review.problems}
      rowKey={(p) => p.id}
      empty={t('reviewsUi.review.noProblems')}
      minWidth={640}
      // On a phone one column tells the whole problem, beside its « ⋯ » (the GP's answer was off-screen).
      phoneMinWidth={0}
      rowTestId={(p) => `problem-${p.id}`}
      rowName={(p) => t(problemKey(p.problemCode))}
      columns={[
        {
          key: 'summary',
          header: t('reviewsUi.review.problems'),
          hiddenFrom: 'sm',
          td: () => ({ style: { overflowWrap: 'anywhere' } }),
          cell: (p) => {
            const cells = problemCells(p, t);
            return (
              <Stack gap={6}>
                {cells.problem}
                <Text size="sm">{cells.drugs}</Text>
                {cells.intervention}
                {cells.answer}
              </Stack>
            );
          },
        },
        // From a tablet up, one column each.
        ...(['problem', 'drugs', 'intervention', 'answer'] as const).map((key) => ({
          key,
          header: t(`reviewsUi.problem.${key}`),
          visibleFrom: 'sm' as const,
          cell: (p: Problem) => problemCells(p, t)[key],
        })),
      ]}
      actions={(p) =>
        canAnswerProblem(review, p)
          ? [{ label: t('reviewsUi.answer.title'), icon: IconMessageReply, onClick: () => onAnswer(p, false) }]
          : canCorrectAnswer(review, p, role)
            ? [{ label: t('reviewsUi.answer.correct'), icon: IconPencil, onClick: () => onAnswer(p, true) }]
            : []
      }
    />
  );
}

// A step never reached (the review was interrupted or cancelled): greyed, dashed, not a step to do.
const NOT_DONE_STYLES = {
  stepIcon: {
    borderStyle: 'dashed',
    borderColor: 'var(--mantine-color-gray-5)',
    backgroundColor: 'var(--mantine-color-gray-1)',
    color: 'var(--mantine-color-gray-7)',
  },
  stepLabel: { color: 'var(--mantine-color-dimmed)' },
} as const;

const statusColor = (status: ReviewDetail['status']) =>
  status === 'cancelled' ? 'gray' : status === 'interrupted' ? 'orange' : 'teal';

function Review({ review }: { review: ReviewDetail }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const patient = usePatient(review.patientId);
  const [step, setStep] = useState<StepTarget | null>(null);
  const [problem, setProblem] = useState<ProblemTarget | null>(null);
  const [answer, setAnswer] = useState<AnswerTarget | null>(null);
  const [cancel, setCancel] = useState<CancelTarget | null>(null);
  const [interrupt, setInterrupt] = useState<InterruptTarget | null>(null);
  const title = t('reviewsUi.review.title', { patient: review.patientName, year: review.followUpYear });
  usePageTitle(title);
  const next = review.next ? review.plan.find((p) => p.seq === review.next?.seq) : undefined;
  const closes = next?.seq === review.plan.length;
  const label = (kind: ReviewDetail['plan'][number]['kind']) => t(stepKey(kind, review.followUpYear));
  const open = review.status === 'open';
  // A review started by mistake may be cancelled by a pharmacist until an act is billed.
  const cancellable = open && user.role === 'pharmacist' && review.steps.every((s) => s.actCode === null);
  // Once acts are billed, a review that cannot go on (moved away, hospital, refusal) is interrupted instead.
  const interruptible = open && user.role === 'pharmacist' && !cancellable;

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to="/reviews" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('reviewsUi.review.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Group gap={6}>
            <Badge color={open ? 'blue' : statusColor(review.status)}>{t(`reviews.status.${review.status}`)}</Badge>
            <Badge variant="light" color="gray">
              {t(trackKey(review.track))}
            </Badge>
          </Group>
        </Stack>
        <Group gap="sm">
          <Button component={Link} to={`/patients/${review.patientId}`} variant="default">
            {t('reviewsUi.review.patient')}
          </Button>
          <Button
            component="a"
            href={gpReportUrl(review.id)}
            variant="default"
            leftSection={<IconFileTypePdf size={18} />}
          >
            {t('reviewsUi.review.gpReport')}
          </Button>
          {cancellable ? (
            <Button
              variant="outline"
              color="red"
              leftSection={<IconBan size={18} />}
              onClick={() => setCancel({ reviewId: review.id, patientName: review.patientName })}
            >
              {t('reviewsUi.cancel.button')}
            </Button>
          ) : null}
          {interruptible ? (
            <Button
              variant="outline"
              color="orange"
              leftSection={<IconPlayerStop size={18} />}
              onClick={() =>
                setInterrupt({ reviewId: review.id, patientName: review.patientName, today: review.today })
              }
            >
              {t('reviewsUi.interrupt.button')}
            </Button>
          ) : null}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Fact label={t('reviewsUi.review.startedOn')}>{formatCalendarDate(review.startedOn)}</Fact>
        <Fact label={t('reviewsUi.review.gp')}>{review.patient.gpName ?? t('common.none')}</Fact>
        <Fact label={t('reviewsUi.review.where')}>{review.patient.careHomeName ?? t('reviewsUi.community')}</Fact>
        <Fact label={t('reviewsUi.review.fees')}>{formatMoney(review.feesCents)}</Fact>
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="md">
          {t('reviewsUi.review.steps')}
        </Title>
        <Stepper active={review.steps.length} orientation="vertical" size="sm" allowNextStepsSelect={false}>
          {review.plan.map((p) => {
            const done = review.steps[p.seq - 1];
            const state = planStepState(review.status, p.seq, review.steps.length);
            if (state === 'notDone')
              return (
                <Stepper.Step
                  key={p.seq}
                  data-testid={`step-not-done-${p.seq}`}
                  icon={<IconMinus size={14} aria-hidden />}
                  progressIcon={<IconMinus size={14} aria-hidden />}
                  color="gray"
                  styles={NOT_DONE_STYLES}
                  label={label(p.kind)}
                  description={
                    <Text size="xs" c="dimmed" fs="italic">
                      {t(notDoneKey(review.status))}
                    </Text>
                  }
                />
              );
            return (
              <Stepper.Step
                key={p.seq}
                label={label(p.kind)}
                description={
                  done ? (
                    <Stack gap={0}>
                      <Text size="xs">
                        {stepMeetsPatient(p.kind)
                          ? t('reviewsUi.review.doneOn', {
                              date: formatCalendarDate(done.date),
                              who: done.pharmacistName,
                              mode: t(done.remote ? 'reviewsUi.step.remote' : 'reviewsUi.step.inPerson'),
                            })
                          : t('reviewsUi.review.doneOnDesk', {
                              date: formatCalendarDate(done.date),
                              who: done.pharmacistName,
                            })}
                        {done.actCode ? ` · ${done.actCode} ${formatMoney(done.amountCents ?? 0)}` : ''}
                      </Text>
                      {done.notes ? (
                        // A long note (up to 4 000 characters) folds to four lines, read on demand.
                        <Spoiler
                          maxHeight={72}
                          showLabel={t('common.readMore')}
                          hideLabel={t('common.readLess')}
                          styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
                        >
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                            {done.notes}
                          </Text>
                        </Spoiler>
                      ) : null}
                    </Stack>
                  ) : p.dueDate && review.next ? (
                    // The next step says how it stands (late: in red, and in words); the ones after
                    // it, whose dates follow from it, stay grey.
                    <Badge
                      size="sm"
                      variant="light"
                      color={p.seq === review.next.seq ? dueColor(review.next.state) : 'gray'}
                    >
                      {t(
                        p.seq === review.next.seq && review.next.state === 'overdue'
                          ? 'reviewsUi.review.overdueSince'
                          : 'reviewsUi.review.dueOn',
                        { date: formatCalendarDate(p.dueDate) },
                      )}
                    </Badge>
                  ) : null
                }
              />
            );
          })}
        </Stepper>
        {open && next ? (
          <Group mt="md">
            <Button
              onClick={() =>
                setStep({ reviewId: review.id, kind: next.kind, label: label(next.kind), closes, today: review.today })
              }
              disabled={closes && user.role !== 'pharmacist'}
            >
              {t('reviewsUi.review.record', { step: label(next.kind) })}
            </Button>
            {closes && user.role !== 'pharmacist' ? (
              <Text size="sm" c="dimmed">
                {t('errors.reviews.close_pharmacist_only')}
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Paper>

      <section aria-labelledby="problems-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="problems-title">
            {t('reviewsUi.review.problems')}
          </Title>
          {canAddProblem(review) ? (
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              disabled={!patient.data}
              onClick={() =>
                patient.data &&
                setProblem({
                  reviewId: review.id,
                  medications: patient.data.medications,
                  careHomeId: patient.data.careHomeId,
                  residentId: patient.data.residentId,
                })
              }
            >
              {t('reviewsUi.problem.add')}
            </Button>
          ) : null}
        </Group>
        {open && !review.consentRecorded ? (
          <Text size="sm" c="dimmed" mb="xs" data-testid="problems-need-consent">
            {t('errors.reviews.consent_required')}
          </Text>
        ) : null}
        {review.problems.some((p) => p.gpAnswer === 'pending') && !review.analysisSent ? (
          <Text size="sm" c="dimmed" mb="xs" data-testid="answers-need-analysis">
            {t('errors.reviews.analysis_not_sent')}
          </Text>
        ) : null}
        <Problems
          review={review}
          onAnswer={(p, correction) =>
            setAnswer({ problem: p, today: review.today, resident: review.patient.residentId !== null, correction })
          }
        />
      </section>

      <StepDialog target={step} onClose={() => setStep(null)} />
      <ProblemDialog target={problem} onClose={() => setProblem(null)} />
      <AnswerDialog target={answer} onClose={() => setAnswer(null)} />
      <CancelReviewDialog target={cancel} onClose={() => setCancel(null)} />
      <InterruptReviewDialog target={interrupt} onClose={() => setInterrupt(null)} />
    </Stack>
  );
}

/** One review, step by step: the plan with due dates, the problems and the GP's answers, the GP report. */
export function ReviewPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const review = useReview(id);
  if (review.error && (review.error as { status?: number }).status === 404) {
    return (
      <NotFoundState
        icon={IconZoomQuestion}
        title={t('reviewsUi.review.notFound')}
        body={t('errors.reviews.not_found')}
        backTo="/reviews"
        backLabel={t('reviewsUi.review.back')}
      />
    );
  }
  if (!review.data) return <QueryState query={review} />;
  return (
    <>
      {review.data.status === 'completed' ? (
        <Alert color="teal" mb="md" role="status">
          {t('reviewsUi.review.completedOn', {
            date: formatCalendarDate(review.data.completedOn ?? review.data.startedOn),
          })}
        </Alert>
      ) : null}
      {review.data.status === 'cancelled' ? (
        <Alert color="gray" mb="md" role="status">
          {t('reviewsUi.cancel.cancelledOn', {
            date: formatDate(review.data.cancelledAt ?? ''),
            reason: review.data.cancelReason ?? '',
          })}
        </Alert>
      ) : null}
      {review.data.status === 'interrupted' ? (
        <Alert color="orange" mb="md" data-testid="review-interrupted">
          {t('reviewsUi.interrupt.interruptedOn', {
            date: formatCalendarDate(review.data.interruptedOn ?? ''),
            reason: review.data.interruptReason ?? '',
          })}
        </Alert>
      ) : null}
      <Review review={review.data} />
    </>
  );
}
