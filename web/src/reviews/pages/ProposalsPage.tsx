import { Anchor, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { DataTable } from '../../shared/DataTable';
import { Dialog, DialogFooter } from '../../shared/Dialog';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { useChangeText } from '../components/change-text';
import { applyProposal, dismissProposal, type Proposal, refreshReviews, useProposals } from '../reviews.api';
import { interventionKey, problemKey } from '../reviews.rules';

const STATUS_COLOR = { pending: 'orange', applied: 'teal', dismissed: 'gray' } as const;

/**
 * Prescription changes the GPs accepted for residents (SPEC §7): a pharmacist applies each one in
 * one click (a new version of the PDA prescription, so the next weekly order follows) or dismisses it.
 */
export function ProposalsPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const proposals = useProposals();
  const changeText = useChangeText();
  const [applying, setApplying] = useState<Proposal | null>(null);
  const [dismissing, setDismissing] = useState<Proposal | null>(null);
  const [reason, setReason] = useState('');
  const canDecide = user.role === 'pharmacist';

  const apply = useMutation({
    mutationFn: (p: Proposal) => applyProposal(p.id),
    onSuccess: async (p) => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.proposals.applied', { patient: p.patientName }));
      setApplying(null);
    },
  });
  const dismiss = useMutation({
    mutationFn: (p: Proposal) => dismissProposal(p.id, reason.trim() || undefined),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.proposals.dismissed'));
      setDismissing(null);
    },
  });

  const patient = (p: Proposal) => (
    <Stack gap={0}>
      <Anchor component={Link} to={`/patients/${p.patientId}`} fw={500}>
        {p.patientName}
      </Anchor>
      <Text size="xs" c="dimmed">
        {p.careHomeName}
      </Text>
    </Stack>
  );
  const why = (p: Proposal) => (
    <Stack gap={0}>
      <Anchor component={Link} to={`/reviews/${p.reviewId}`} size="sm">
        {t(problemKey(p.problemCode))}
      </Anchor>
      <Text size="xs" c="dimmed">
        {t(interventionKey(p.interventionCode))}
        {p.gpAnswerDate
          ? ` · ${t('reviewsUi.proposals.acceptedOn', { date: formatCalendarDate(p.gpAnswerDate) })}`
          : ''}
      </Text>
    </Stack>
  );
  const status = (p: Proposal) => (
    <Badge variant="light" color={STATUS_COLOR[p.status]}>
      {t(`reviews.proposalStatus.${p.status}`)}
    </Badge>
  );
  const decide = (p: Proposal, justify: 'flex-start' | 'flex-end') =>
    p.status === 'pending' && canDecide ? (
      <Group gap="xs" justify={justify} wrap="nowrap">
        <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setApplying(p)}>
          {t('reviewsUi.proposals.apply')}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setReason('');
            setDismissing(p);
          }}
        >
          {t('reviewsUi.proposals.dismiss')}
        </Button>
      </Group>
    ) : null;

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('reviewsUi.proposals.title')}
        subtitle={t(canDecide ? 'reviewsUi.proposals.subtitle' : 'reviewsUi.proposals.subtitleReadOnly')}
      />
      <DataTable<Proposal>
        label={t('reviewsUi.proposals.title')}
        rows={proposals.data}
        query={proposals}
        rowKey={(p) => p.id}
        empty={t('reviewsUi.proposals.empty')}
        pageSize={20}
        minWidth={680}
        // On a phone each proposal reads as one summary with its buttons (« Appliquer » was off screen).
        phoneMinWidth={0}
        rowTestId={(p) => `proposal-${p.id}`}
        columns={[
          {
            key: 'summary',
            header: t('reviewsUi.col.patient'),
            hiddenFrom: 'sm',
            cell: (p) => (
              <Stack gap={6}>
                {patient(p)}
                <Text size="sm">{changeText(p)}</Text>
                {why(p)}
                <Group gap="xs">{status(p)}</Group>
                {decide(p, 'flex-start')}
              </Stack>
            ),
          },
          {
            key: 'patient',
            header: t('reviewsUi.col.patient'),
            sortBy: (p) => p.patientName,
            visibleFrom: 'sm',
            cell: patient,
          },
          {
            key: 'change',
            header: t('reviewsUi.proposals.change'),
            visibleFrom: 'sm',
            cell: (p) => <Text size="sm">{changeText(p)}</Text>,
          },
          { key: 'why', header: t('reviewsUi.proposals.why'), visibleFrom: 'md', cell: why },
          { key: 'status', header: t('common.status'), sortBy: (p) => p.status, visibleFrom: 'sm', cell: status },
          {
            key: 'decide',
            header: t('common.actions'),
            hideHeader: true,
            align: 'right',
            visibleFrom: 'sm',
            cell: (p) => decide(p, 'flex-end'),
          },
        ]}
      />
      {!canDecide ? (
        <Text size="sm" c="dimmed">
          {t('reviewsUi.proposals.pharmacistOnly')}
        </Text>
      ) : null}
      <ConfirmModal
        opened={applying !== null}
        title={t('reviewsUi.proposals.applyTitle')}
        message={
          applying
            ? t('reviewsUi.proposals.applyMessage', { change: changeText(applying), patient: applying.patientName })
            : ''
        }
        confirmLabel={t('reviewsUi.proposals.apply')}
        loading={apply.isPending}
        error={apply.error}
        onConfirm={() => applying && apply.mutate(applying)}
        onClose={() => {
          apply.reset();
          setApplying(null);
        }}
      />
      <Dialog
        opened={dismissing !== null}
        onClose={() => setDismissing(null)}
        title={t('reviewsUi.proposals.dismissTitle')}
      >
        <Stack>
          <TextInput
            label={t('reviewsUi.proposals.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          {dismiss.error ? (
            <Text c="red" size="sm" role="alert">
              {describeError(t, dismiss.error)}
            </Text>
          ) : null}
          <DialogFooter
            onCancel={() => setDismissing(null)}
            confirmLabel={t('reviewsUi.proposals.dismiss')}
            pending={dismiss.isPending}
            onConfirm={() => dismissing && dismiss.mutate(dismissing)}
          />
        </Stack>
      </Dialog>
    </Stack>
  );
}
