import { Divider, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatFiness } from '../../../server/pharmacies/pharmacies.models';
import { type Pharmacy, updatePharmacyBody } from '../../../server/pharmacies/pharmacies.schemas';
import { useI18n } from '../i18n/i18n';
import { PHARMACIES_KEY, updatePharmacy, usePharmacies } from '../pharmacies/pharmacies.api';
import { ActiveBadge } from '../shared/ActiveBadge';
import { DataTable } from '../shared/DataTable';
import { TargetDialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { notifySaved } from '../shared/notify';
import { PageHeader } from '../shared/PageHeader';

function PharmacyForm({ pharmacy, onDone }: { pharmacy: Pharmacy; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: updatePharmacyBody,
    initialValues: {
      name: pharmacy.name,
      town: pharmacy.town,
      address: pharmacy.address ?? '',
      postalCode: pharmacy.postalCode ?? '',
      phone: pharmacy.phone ?? '',
      finess: pharmacy.finess ?? '',
      pharmacistInCharge: pharmacy.pharmacistInCharge ?? '',
    },
    errorFields: { 'pharmacies.finess_taken': 'finess', 'pharmacies.name_taken': 'name' },
    submit: (body) => updatePharmacy(pharmacy.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: PHARMACIES_KEY });
      notifySaved(t('common.saved'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.save')} onCancel={onDone}>
      <TextInput label={t('pharmacies.field.name')} required data-autofocus {...dialog.form.getInputProps('name')} />
      <Divider label={t('contacts.section')} labelPosition="left" />
      <Textarea
        label={t('contacts.field.address')}
        autosize
        minRows={1}
        maxRows={3}
        {...dialog.form.getInputProps('address')}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('contacts.field.postalCode')}
          inputMode="numeric"
          maw={140}
          {...dialog.form.getInputProps('postalCode')}
        />
        <TextInput label={t('pharmacies.field.town')} required {...dialog.form.getInputProps('town')} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('contacts.field.phone')}
          description={t('contacts.field.phoneHint')}
          type="tel"
          {...dialog.form.getInputProps('phone')}
        />
        <TextInput
          label={t('contacts.field.finess')}
          description={t('contacts.field.finessHint')}
          {...dialog.form.getInputProps('finess')}
        />
      </SimpleGrid>
      <TextInput label={t('contacts.field.pharmacistInCharge')} {...dialog.form.getInputProps('pharmacistInCharge')} />
    </DialogForm>
  );
}

export function PharmaciesPage() {
  const { t } = useI18n();
  const pharmacies = usePharmacies();
  const [editing, setEditing] = useState<Pharmacy | null>(null);
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('pharmacies.title')} />
      <DataTable<Pharmacy>
        label={t('pharmacies.title')}
        rows={pharmacies.data}
        query={pharmacies}
        rowKey={(pharmacy) => pharmacy.id}
        empty={t('common.noResults')}
        minWidth={600}
        columns={[
          {
            key: 'name',
            header: t('pharmacies.col.name'),
            sortBy: (p) => p.name,
            cell: (p) => p.name,
            td: () => ({ fw: 500 }),
          },
          { key: 'town', header: t('pharmacies.col.town'), sortBy: (p) => p.town, cell: (p) => p.town },
          {
            key: 'contact',
            header: t('contacts.col.contact'),
            cell: (p) =>
              p.phone || p.address ? (
                <Stack gap={0}>
                  {p.phone ? <Text size="sm">{p.phone}</Text> : null}
                  {p.address ? (
                    <Text size="xs" c="dimmed">
                      {[p.address.replace(/\n/g, ', '), p.postalCode].filter(Boolean).join(', ')}
                    </Text>
                  ) : null}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('contacts.missing')}
                </Text>
              ),
          },
          {
            key: 'pharmacistInCharge',
            header: t('contacts.col.pharmacistInCharge'),
            visibleFrom: 'md',
            cell: (p) => p.pharmacistInCharge ?? t('common.none'),
          },
          {
            key: 'finess',
            header: t('contacts.col.finess'),
            visibleFrom: 'md',
            cell: (p) =>
              p.finess ? (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatFiness(p.finess)}
                </Text>
              ) : (
                t('common.none')
              ),
          },
          { key: 'slug', header: t('pharmacies.col.slug'), visibleFrom: 'md', cell: (p) => <code>{p.slug}</code> },
          { key: 'status', header: t('common.status'), cell: (p) => <ActiveBadge active={p.active} /> },
        ]}
        rowName={(pharmacy) => pharmacy.name}
        actions={(pharmacy) => [{ label: t('common.edit'), icon: IconPencil, onClick: () => setEditing(pharmacy) }]}
      />
      <TargetDialog
        target={editing}
        title={(pharmacy) => t('pharmacies.edit.title', { name: pharmacy.name })}
        onClose={() => setEditing(null)}
      >
        {(pharmacy) => <PharmacyForm key={pharmacy.id} pharmacy={pharmacy} onDone={() => setEditing(null)} />}
      </TargetDialog>
    </Stack>
  );
}
