import { Group, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { MedicationBody, PatientBody, PatientPatchBody } from '../../../../server/reviews/reviews.schemas';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../shared/api';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { notifySaved } from '../../shared/notify';
import {
  addMedication,
  createPatient,
  type PatientDetail,
  patchPatient,
  refreshReviews,
  useServedResidents,
} from '../reviews.api';

const orUndefined = (s: string) => (s.trim() ? s : undefined);
const orNull = (s: string) => (s.trim() ? s : null);

type NewValues = {
  kind: 'community' | 'resident';
  residentId: string | null;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  gpName: string;
  gpContact: string;
  allowDuplicate: boolean;
};

function NewPatientForm({ linkedResidents, onDone }: { linkedResidents: Set<number>; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const residents = useServedResidents(true);
  const free = (residents.data ?? []).filter((r) => !linkedResidents.has(r.id) && r.status === 'active');
  // Set once the server said this person already is a patient: the switch confirms a namesake.
  const [duplicate, setDuplicate] = useState(false);
  const dialog = useDialogForm({
    schema: PatientBody,
    initialValues: {
      kind: 'community',
      residentId: null,
      lastName: '',
      firstName: '',
      birthDate: null,
      gpName: '',
      gpContact: '',
      allowDuplicate: false,
    } as NewValues,
    toBody: (v) =>
      v.kind === 'resident'
        ? {
            residentId: v.residentId ? Number(v.residentId) : undefined,
            gpName: orUndefined(v.gpName),
            gpContact: orUndefined(v.gpContact),
            allowDuplicate: v.allowDuplicate || undefined,
          }
        : {
            lastName: v.lastName,
            firstName: v.firstName,
            birthDate: v.birthDate,
            gpName: orUndefined(v.gpName),
            gpContact: orUndefined(v.gpContact),
            allowDuplicate: v.allowDuplicate || undefined,
          },
    errorFields: {
      'patients.resident_already_patient': 'residentId',
      'patients.resident_not_found': 'residentId',
      'reviews.birth_date_in_future': 'birthDate',
      'reviews.birth_date_too_early': 'birthDate',
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'patients.duplicate') setDuplicate(true);
    },
    check: (v, errors) => {
      if (v.kind === 'resident' && !v.residentId) errors.residentId = t('validation.required');
    },
    submit: createPatient,
    onSuccess: async (patient) => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.patient.created', { name: `${patient.lastName} ${patient.firstName}` }));
      onDone();
      navigate(`/patients/${patient.id}`);
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.create')} onCancel={onDone}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('reviewsUi.patient.kind')}
          data={[
            { value: 'community', label: t('reviewsUi.patient.community') },
            { value: 'resident', label: t('reviewsUi.patient.resident') },
          ]}
          {...form.getInputProps('kind')}
        />
        {form.values.kind === 'resident' ? (
          <Select
            label={t('reviewsUi.patient.whichResident')}
            description={t('reviewsUi.patient.residentHint')}
            required
            searchable
            data={free.map((r) => ({
              value: String(r.id),
              label: `${r.lastName} ${r.firstName} — ${formatCalendarDate(r.birthDate)}, ch. ${r.room}`,
            }))}
            {...form.getInputProps('residentId')}
          />
        ) : (
          <>
            <Group grow align="flex-start">
              <TextInput
                label={t('reviewsUi.patient.lastName')}
                required
                data-autofocus
                {...form.getInputProps('lastName')}
              />
              <TextInput label={t('reviewsUi.patient.firstName')} required {...form.getInputProps('firstName')} />
            </Group>
            <DateField
              label={t('reviewsUi.patient.birthDate')}
              description={t('reviewsUi.patient.birthDateHint')}
              {...form.getInputProps('birthDate')}
            />
          </>
        )}
        <Group grow align="flex-start">
          <TextInput label={t('reviewsUi.patient.gpName')} {...form.getInputProps('gpName')} />
          <TextInput label={t('reviewsUi.patient.gpContact')} {...form.getInputProps('gpContact')} />
        </Group>
        {duplicate ? (
          <Switch
            color="orange"
            label={t('reviewsUi.patient.allowDuplicate')}
            description={t('reviewsUi.patient.allowDuplicateHelp')}
            {...form.getInputProps('allowDuplicate', { type: 'checkbox' })}
          />
        ) : null}
      </Stack>
    </DialogForm>
  );
}

/** A new patient of the pharmacy: someone from the counter, or a resident of a care home it serves. */
export function NewPatientDialog({
  opened,
  linkedResidents,
  onClose,
}: {
  opened: boolean;
  linkedResidents: Set<number>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('reviewsUi.patient.new')} onClose={onClose} size="lg">
      {() => <NewPatientForm linkedResidents={linkedResidents} onDone={onClose} />}
    </TargetDialog>
  );
}

type EditValues = {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  gpName: string;
  gpContact: string;
  gpPrescriptionDate: string | null;
};

function EditPatientForm({ patient, onDone }: { patient: PatientDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const resident = patient.residentId !== null;
  const dialog = useDialogForm({
    schema: PatientPatchBody,
    initialValues: {
      lastName: patient.lastName,
      firstName: patient.firstName,
      birthDate: patient.birthDate,
      gpName: patient.gpName ?? '',
      gpContact: patient.gpContact ?? '',
      gpPrescriptionDate: patient.gpPrescriptionDate,
    } as EditValues,
    toBody: (v) => ({
      ...(resident ? {} : { lastName: v.lastName, firstName: v.firstName, birthDate: v.birthDate }),
      gpName: orNull(v.gpName),
      gpContact: orNull(v.gpContact),
      gpPrescriptionDate: v.gpPrescriptionDate,
    }),
    // A refused date says so under its field (a future prescription date showed above the form).
    errorFields: {
      'reviews.prescription_in_future': 'gpPrescriptionDate',
      'reviews.prescription_before_birth': 'gpPrescriptionDate',
      'reviews.birth_date_in_future': 'birthDate',
      'reviews.birth_date_too_early': 'birthDate',
    },
    submit: (body) => patchPatient(patient.id, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('common.saved'));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.save')} onCancel={onDone}>
      <Stack gap="sm">
        {resident ? (
          <Text size="sm" c="dimmed">
            {t('errors.patients.identity_from_resident')}
          </Text>
        ) : (
          <>
            <Group grow align="flex-start">
              <TextInput label={t('reviewsUi.patient.lastName')} required {...form.getInputProps('lastName')} />
              <TextInput label={t('reviewsUi.patient.firstName')} required {...form.getInputProps('firstName')} />
            </Group>
            <DateField label={t('reviewsUi.patient.birthDate')} {...form.getInputProps('birthDate')} />
          </>
        )}
        <Group grow align="flex-start">
          <TextInput label={t('reviewsUi.patient.gpName')} {...form.getInputProps('gpName')} />
          <TextInput label={t('reviewsUi.patient.gpContact')} {...form.getInputProps('gpContact')} />
        </Group>
        <DateField
          label={t('reviewsUi.patient.gpPrescriptionDate')}
          description={t('reviewsUi.patient.gpPrescriptionHint')}
          {...form.getInputProps('gpPrescriptionDate')}
        />
      </Stack>
    </DialogForm>
  );
}

export function EditPatientDialog({ patient, onClose }: { patient: PatientDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={patient} title={t('reviewsUi.patient.edit')} onClose={onClose} size="lg">
      {(p) => <EditPatientForm patient={p} onDone={onClose} />}
    </TargetDialog>
  );
}

type MedValues = {
  cip13: string | null;
  startDate: string | null;
  endDate: string | null;
  prescriber: string;
  dosage: string;
};

function MedicationForm({ patient, onDone }: { patient: PatientDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: MedicationBody,
    initialValues: {
      cip13: null,
      startDate: null,
      endDate: null,
      prescriber: patient.gpName ?? '',
      dosage: '',
    } as MedValues,
    toBody: (v) => ({
      cip13: v.cip13 ?? undefined,
      startDate: v.startDate ?? undefined,
      endDate: v.endDate,
      prescriber: orUndefined(v.prescriber),
      dosage: orUndefined(v.dosage),
    }),
    errorFields: {
      'reviews.unknown_product': 'cip13',
      'reviews.medication_duplicate': 'cip13',
      'reviews.prescription_in_future': 'startDate',
      'reviews.prescription_before_birth': 'startDate',
    },
    submit: (body) => addMedication(patient.id, body),
    onSuccess: async (line) => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.medication.added', { product: line.productLabel }));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.medication.submit')} onCancel={onDone}>
      <Stack gap="sm">
        <ProductSearch
          label={t('reviewsUi.medication.product')}
          required
          data-autofocus
          value={form.values.cip13}
          onChange={(product) => form.setFieldValue('cip13', product?.cip13 ?? null)}
          error={form.errors.cip13}
        />
        {/* The posology as the prescription words it: the GP report's « Posologie » column. */}
        <TextInput
          label={t('reviewsUi.medication.dosage')}
          description={t('reviewsUi.medication.dosageHint')}
          {...form.getInputProps('dosage')}
        />
        <Group grow align="flex-start">
          <DateField label={t('reviewsUi.medication.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('reviewsUi.medication.endDate')} {...form.getInputProps('endDate')} />
        </Group>
        <TextInput label={t('reviewsUi.medication.prescriber')} {...form.getInputProps('prescriber')} />
      </Stack>
    </DialogForm>
  );
}

/** A treatment line the patient takes outside the pouches (reimbursement and substances come from the catalogue). */
export function MedicationDialog({ patient, onClose }: { patient: PatientDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={patient} title={t('reviewsUi.medication.title')} onClose={onClose} size="lg">
      {(p) => <MedicationForm patient={p} onDone={onClose} />}
    </TargetDialog>
  );
}
