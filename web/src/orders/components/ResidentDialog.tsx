import { Group, Select, Switch, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RESIDENT_STATUSES, type ResidentStatus } from '../../../../server/orders/orders.models';
import { ResidentBody, ResidentPatchBody } from '../../../../server/orders/residents.schemas';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { createResident, type Resident, refreshOrders, updateResident } from '../orders.api';

type Values = {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  room: string;
  status: ResidentStatus;
  statusFrom: string | null;
  statusTo: string | null;
  allowDuplicate: boolean;
};

function ResidentForm({
  careHomeId,
  resident,
  onDone,
}: {
  careHomeId: number;
  resident: Resident | null;
  onDone: (saved: Resident) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Set once the server said this person is already a resident: the switch confirms a namesake.
  const [duplicate, setDuplicate] = useState(false);
  const dialog = useDialogForm({
    schema: resident ? ResidentPatchBody : ResidentBody,
    initialValues: {
      lastName: resident?.lastName ?? '',
      firstName: resident?.firstName ?? '',
      birthDate: resident?.birthDate ?? null,
      room: resident?.room ?? '',
      status: resident?.status ?? 'active',
      statusFrom: resident?.statusFrom ?? null,
      statusTo: resident?.statusTo ?? null,
      allowDuplicate: false,
    } as Values,
    toBody: (v: Values) =>
      resident
        ? {
            lastName: v.lastName,
            firstName: v.firstName,
            birthDate: v.birthDate ?? undefined,
            room: v.room,
            status: v.status,
            statusFrom: v.status === 'active' ? null : v.statusFrom,
            statusTo: v.status === 'hospitalised' ? v.statusTo : null,
          }
        : {
            careHomeId,
            lastName: v.lastName,
            firstName: v.firstName,
            birthDate: v.birthDate ?? undefined,
            room: v.room,
            allowDuplicate: v.allowDuplicate || undefined,
          },
    errorFields: {
      'residents.birth_date_in_future': 'birthDate',
      'residents.birth_date_too_early': 'birthDate',
      'residents.death_in_future': 'statusFrom',
      'residents.death_before_review_acts': 'statusFrom',
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'residents.duplicate') setDuplicate(true);
    },
    submit: (body) =>
      resident
        ? updateResident(resident.id, body as Parameters<typeof updateResident>[1])
        : createResident(body as Parameters<typeof createResident>[0]),
    onSuccess: async (saved) => {
      await refreshOrders(queryClient);
      notifySaved(
        resident ? t('common.saved') : t('residents.created', { name: `${saved.firstName} ${saved.lastName}` }),
      );
      onDone(saved);
    },
  });
  const { form } = dialog;
  const status = form.values.status;
  return (
    <DialogForm
      dialog={dialog}
      submitLabel={resident ? t('common.save') : t('residents.admit')}
      onCancel={() => onDone(resident as Resident)}
    >
      <Group grow align="flex-start">
        <TextInput label={t('residents.field.lastName')} required data-autofocus {...form.getInputProps('lastName')} />
        <TextInput label={t('residents.field.firstName')} required {...form.getInputProps('firstName')} />
      </Group>
      <Group grow align="flex-start">
        <DateField label={t('residents.field.birthDate')} required {...form.getInputProps('birthDate')} />
        <TextInput label={t('residents.field.room')} required {...form.getInputProps('room')} />
      </Group>
      {resident ? (
        <>
          <Select
            label={t('residents.field.status')}
            allowDeselect={false}
            data={RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`residents.status.${s}`) }))}
            {...form.getInputProps('status')}
          />
          {status !== 'active' ? (
            <Group grow align="flex-start">
              <DateField
                label={t(status === 'hospitalised' ? 'residents.field.hospitalisedFrom' : 'residents.field.statusOn')}
                required
                {...form.getInputProps('statusFrom')}
              />
              {status === 'hospitalised' ? (
                <DateField
                  label={t('residents.field.hospitalisedTo')}
                  description={t('residents.field.hospitalisedToHelp')}
                  {...form.getInputProps('statusTo')}
                />
              ) : null}
            </Group>
          ) : null}
        </>
      ) : null}
      {!resident && duplicate ? (
        <Switch
          color="orange"
          label={t('residents.field.allowDuplicate')}
          description={t('residents.field.allowDuplicateHelp')}
          {...form.getInputProps('allowDuplicate', { type: 'checkbox' })}
        />
      ) : null}
    </DialogForm>
  );
}

/** Admit a resident (`target.resident` null) or change one: identity, room, status and its dates (pharmacy staff). */
export function ResidentDialog({
  target,
  careHomeId,
  onClose,
}: {
  target: { resident: Resident | null } | null;
  careHomeId: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      size="lg"
      title={({ resident }) =>
        resident
          ? t('residents.edit.title', { name: `${resident.firstName} ${resident.lastName}` })
          : t('residents.create.title')
      }
      onClose={onClose}
    >
      {({ resident }) => <ResidentForm careHomeId={careHomeId} resident={resident} onDone={onClose} />}
    </TargetDialog>
  );
}
