import { Select } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CategoryBody, CategoryKeyBody } from '../../../../server/shares/shares.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { LimitedTextInput } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { type Category, changeCategoryKey, createCategory, refreshShares } from '../shares.api';
import { parisToday } from '../shares.rules';

const KEYS = ['holding', 'equal', 'activity'] as const;

function useKeyOptions() {
  const { t } = useI18n();
  return KEYS.map((key) => ({ value: key, label: t(`shares.key.${key}`) }));
}

function CategoryForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const keys = useKeyOptions();
  const dialog = useDialogForm({
    schema: CategoryBody,
    initialValues: { name: '', kind: 'cost' as 'cost' | 'revenue', allocationKey: 'holding' as (typeof KEYS)[number] },
    errorFields: { 'shares.category_exists': 'name' },
    submit: createCategory,
    onSuccess: async (category) => {
      await refreshShares(queryClient);
      notifySaved(t('shares.category.done', { name: category.name }));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.category.submit')} onCancel={onDone}>
      <LimitedTextInput
        label={t('shares.field.name')}
        required
        maxLength={80}
        data-autofocus
        {...form.getInputProps('name')}
      />
      <Select
        label={t('shares.field.kind')}
        required
        allowDeselect={false}
        data={[
          { value: 'cost', label: t('shares.kind.cost') },
          { value: 'revenue', label: t('shares.kind.revenue') },
        ]}
        {...form.getInputProps('kind')}
      />
      <Select
        label={t('shares.field.key')}
        description={t('shares.field.keyHint')}
        required
        allowDeselect={false}
        data={keys}
        {...form.getInputProps('allocationKey')}
      />
    </DialogForm>
  );
}

export function CategoryModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('shares.category.title')} onClose={onClose}>
      {() => <CategoryForm onDone={onClose} />}
    </TargetDialog>
  );
}

function KeyForm({ category, onDone }: { category: Category; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const keys = useKeyOptions();
  const dialog = useDialogForm({
    schema: CategoryKeyBody,
    initialValues: {
      allocationKey: (category.allocationKey === 'holding' ? 'activity' : 'holding') as (typeof KEYS)[number],
      validFrom: parisToday() as string | null,
    },
    toBody: (v) => ({ allocationKey: v.allocationKey, validFrom: v.validFrom ?? undefined }),
    errorFields: {
      'shares.period_closed': 'validFrom',
      'shares.key_exists': 'validFrom',
      'shares.key_unchanged': 'allocationKey',
      'shares.date_too_far': 'validFrom',
    },
    submit: (body) => changeCategoryKey(category.id, body),
    onSuccess: async () => {
      await refreshShares(queryClient);
      notifySaved(t('shares.key.done', { name: category.name }));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('shares.key.submit')} onCancel={onDone}>
      <Select
        label={t('shares.field.key')}
        required
        allowDeselect={false}
        data={keys}
        {...form.getInputProps('allocationKey')}
      />
      <DateField
        label={t('shares.field.validFrom')}
        description={t('shares.field.validFromHint')}
        required
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        {...form.getInputProps('validFrom')}
      />
    </DialogForm>
  );
}

/** Switches a category's key from a date on (the surplus line to activity, for instance). */
export function KeyModal({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={category} title={(c) => t('shares.key.title', { name: c.name })} onClose={onClose}>
      {(c) => <KeyForm category={c} onDone={onClose} />}
    </TargetDialog>
  );
}
