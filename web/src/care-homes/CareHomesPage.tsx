import { Button, Select, Stack, TextInput } from '@mantine/core';
import { IconClockEdit, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type CareHome, careHomeBody } from '../../../server/care-homes/care-homes.schemas';
import { formatFiness } from '../../../server/pharmacies/pharmacies.models';
import type { Pharmacy } from '../../../server/pharmacies/pharmacies.schemas';
import { useSessionUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from '../pharmacies/pharmacies.api';
import { ActiveBadge } from '../shared/ActiveBadge';
import { DataTable } from '../shared/DataTable';
import { TargetDialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { notifySaved } from '../shared/notify';
import { PageHeader } from '../shared/PageHeader';
import { CareHomeSettingsDialog } from './CareHomeSettingsDialog';
import { CARE_HOMES_KEY, createCareHome, updateCareHome, useCareHomes } from './care-homes.api';

type FormValues = { name: string; finess: string; pharmacyId: number | null };

function CareHomeForm({
  careHome,
  pharmacies,
  onDone,
}: {
  careHome: CareHome | null;
  pharmacies: Pharmacy[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: careHomeBody,
    initialValues: (careHome
      ? { name: careHome.name, finess: careHome.finess, pharmacyId: careHome.pharmacyId }
      : { name: '', finess: '', pharmacyId: null }) as FormValues,
    errorFields: { 'care_homes.finess_taken': 'finess', 'care_homes.pharmacy_not_found': 'pharmacyId' },
    submit: (body) => (careHome ? updateCareHome(careHome.id, body) : createCareHome(body)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: CARE_HOMES_KEY });
      notifySaved(careHome ? t('common.saved') : t('careHomes.created', { name: saved.name }));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={careHome ? t('common.save') : t('common.create')} onCancel={onDone}>
      <TextInput label={t('careHomes.field.name')} required data-autofocus {...form.getInputProps('name')} />
      <TextInput
        label={t('careHomes.field.finess')}
        description={t('contacts.field.finessHint')}
        required
        maxLength={14}
        {...form.getInputProps('finess')}
      />
      <Select
        label={t('careHomes.field.pharmacy')}
        required
        data={pharmacies.map((pharmacy) => ({ value: String(pharmacy.id), label: pharmacy.name }))}
        value={form.values.pharmacyId === null ? null : String(form.values.pharmacyId)}
        onChange={(value) => form.setFieldValue('pharmacyId', value ? Number(value) : null)}
        error={form.errors.pharmacyId}
      />
    </DialogForm>
  );
}

/** Admin manages every care home; pharmacy staff read the ones their pharmacy serves. */
export function CareHomesPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const canManage = user.role === 'admin';
  const careHomes = useCareHomes();
  const pharmacies = usePharmacies();
  const [formTarget, setFormTarget] = useState<{ careHome: CareHome | null } | null>(null);
  const [settingsTarget, setSettingsTarget] = useState<CareHome | null>(null);
  const pharmacyNames = useMemo(() => new Map(pharmacies.data?.map((p) => [p.id, p.name])), [pharmacies.data]);

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('careHomes.title')}
        subtitle={canManage ? undefined : t('careHomes.subtitle.staff')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setFormTarget({ careHome: null })}>
              {t('careHomes.new')}
            </Button>
          ) : undefined
        }
      />
      <DataTable<CareHome>
        label={t('careHomes.title')}
        rows={careHomes.data}
        query={careHomes}
        rowKey={(careHome) => careHome.id}
        empty={t('careHomes.empty')}
        minWidth={600}
        columns={[
          {
            key: 'name',
            header: t('careHomes.col.name'),
            sortBy: (c) => c.name,
            cell: (c) => c.name,
            td: () => ({ fw: 500 }),
          },
          { key: 'finess', header: t('careHomes.col.finess'), cell: (c) => formatFiness(c.finess) },
          {
            key: 'pharmacy',
            header: t('careHomes.col.pharmacy'),
            sortBy: (c) => pharmacyNames.get(c.pharmacyId) ?? '',
            cell: (c) => pharmacyNames.get(c.pharmacyId) ?? t('common.none'),
          },
          { key: 'status', header: t('common.status'), cell: (c) => <ActiveBadge active={c.active} /> },
        ]}
        rowName={(careHome) => careHome.name}
        actions={
          canManage
            ? (careHome) => [
                { label: t('common.edit'), icon: IconPencil, onClick: () => setFormTarget({ careHome }) },
                {
                  label: t('careHomes.settings.open'),
                  icon: IconClockEdit,
                  onClick: () => setSettingsTarget(careHome),
                },
              ]
            : undefined
        }
      />
      <TargetDialog
        target={formTarget}
        title={({ careHome }) =>
          careHome ? t('careHomes.edit.title', { name: careHome.name }) : t('careHomes.create.title')
        }
        onClose={() => setFormTarget(null)}
      >
        {({ careHome }) => (
          <CareHomeForm
            key={careHome?.id ?? 'new'}
            careHome={careHome}
            pharmacies={pharmacies.data ?? []}
            onDone={() => setFormTarget(null)}
          />
        )}
      </TargetDialog>
      <CareHomeSettingsDialog target={settingsTarget} onClose={() => setSettingsTarget(null)} />
    </Stack>
  );
}
