import { Select } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { PeriodBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { createPeriod, type Period, refreshShares } from '../shares.api';
import { newPeriodProposal, parisToday, periodName } from '../shares.rules';

type Kind = 'month' | 'quarter' | 'year';

function PeriodForm({
  periods,
  onDone,
  onCreated,
}: {
  periods: readonly Period[];
  onDone: () => void;
  onCreated: (period: Period) => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const proposal = newPeriodProposal(periods, parisToday());
  const dialog = useDialogForm({
    schema: PeriodBody,
    initialValues: { kind: proposal.kind as Kind, start: proposal.start as string | null },
    toBody: (v) => ({ kind: v.kind, start: v.start ?? undefined }),
    errorFields: { 'shares.period_exists': 'start', 'shares.period_overlaps_closed': 'start' },
    submit: createPeriod,
    onSuccess: async (period) => {
      await refreshShares(queryClient);
      notifySaved(t('shares.period.created', { name: periodName(period, lang) }));
      onCreated(period);
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.period.createSubmit')} onCancel={onDone}>
      <Select
        label={t('shares.field.periodKind')}
        required
        allowDeselect={false}
        data={(['month', 'quarter', 'year'] as const).map((kind) => ({
          value: kind,
          label: t(`shares.periodKind.${kind}`),
        }))}
        {...form.getInputProps('kind')}
      />
      <DateField
        label={t('shares.field.periodStart')}
        description={t('shares.field.periodStartHint')}
        required
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        {...form.getInputProps('start')}
      />
    </DialogForm>
  );
}

/**
 * Opens a month, quarter or year: its report can then be previewed, then closed for good. It
 * proposes one not opened yet among `periods` (`newPeriodProposal`).
 */
export function PeriodModal({
  periods,
  opened,
  onClose,
  onCreated,
}: {
  periods: readonly Period[];
  opened: boolean;
  onClose: () => void;
  onCreated: (period: Period) => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('shares.period.createTitle')} onClose={onClose}>
      {() => <PeriodForm periods={periods} onDone={onClose} onCreated={onCreated} />}
    </TargetDialog>
  );
}
