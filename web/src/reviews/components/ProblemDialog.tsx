import { Group, MultiSelect, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { undividedDoseTimes } from '../../../../server/catalogue/catalogue.models';
import { ProblemBody } from '../../../../server/reviews/reviews.schemas';
import { productName } from '../../catalogue/catalogue.api';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { type Prescription, usePrescriptions } from '../../orders/orders.api';
import { ApiError, apiFetch } from '../../shared/api';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { describeError } from '../../shared/errors';
import { NumberField } from '../../shared/NumberField';
import { notifySaved } from '../../shared/notify';
import { addProblem, type Medication, refreshReviews } from '../reviews.api';
import {
  INTERVENTION_CODES,
  interventionKey,
  PROBLEM_CODES,
  problemKey,
  proposalKindKey,
  proposalKindOf,
} from '../reviews.rules';

export type ProblemTarget = {
  reviewId: number;
  medications: Medication[];
  careHomeId: number | null;
  /** The resident the patient is, whose PDA lines' doses a dose change starts from. */
  residentId: number | null;
};

type Values = {
  problemCode: string | null;
  interventionCode: string | null;
  drugs: string[];
  description: string;
  lineId: string | null;
  newCip13: string | null;
  doses: Record<string, number | string>;
};

const DEFAULT_TIMES = ['matin', 'midi', 'soir', 'coucher'];

/** The administration times of a care home (its settings), for the doses of a proposed line. */
function useAdministrationTimes(careHomeId: number | null) {
  return useQuery({
    queryKey: ['care-homes', careHomeId, 'settings'],
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ administrationTimes: { name: string }[] }>(`/care-homes/${careHomeId}/settings`, { signal })
      ).administrationTimes.map((time) => time.name),
    enabled: careHomeId !== null,
  });
}

function ProblemForm({ target, onDone }: { target: ProblemTarget; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const times = useAdministrationTimes(target.careHomeId).data ?? DEFAULT_TIMES;
  const active = target.medications.filter((m) => m.active);
  const pdaLines = active.filter((m) => m.source === 'pda');
  // The drugs the patient takes, and any other the pharmacist names from the catalogue (an
  // untreated indication: the drug to add is not prescribed yet).
  const [others, setOthers] = useState<[string, string][]>([]);
  const drugOptions = [
    ...new Map([...active.map((m) => [m.cip13, m.productLabel] as [string, string]), ...others]),
  ].map(([value, label]) => ({ value, label }));
  // The PDA line a change is about: the one chosen, else the first line of a chosen drug.
  // Only lines of the drugs the problem names are offered.
  const linesOf = (values: Values) => pdaLines.filter((m) => values.drugs.includes(m.cip13));
  const lineOf = (values: Values) =>
    (values.lineId && linesOf(values).some((m) => String(m.id) === values.lineId) ? values.lineId : null) ??
    (linesOf(values)[0]?.id.toString() || null);
  const kindOf = (values: Values) =>
    target.careHomeId !== null && values.interventionCode
      ? proposalKindOf(values.interventionCode as (typeof INTERVENTION_CODES)[number])
      : null;

  const problemBody = (values: Values) => {
    const kind = kindOf(values);
    const line = kind && kind !== 'add' ? lineOf(values) : null;
    // A dose the field could not read (« 0x2 ») is kept as not a number, which the schema refuses:
    // dropped, the change would have gone without it.
    const doses = Object.fromEntries(
      Object.entries(values.doses)
        .filter(
          ([, units]) => (typeof units === 'number' && units > 0) || (typeof units === 'string' && units.trim() !== ''),
        )
        .map(([time, units]) => [time, typeof units === 'number' ? units : Number.NaN]),
    );
    const change = {
      cip13: kind === 'add' || kind === 'substitute' ? (values.newCip13 ?? undefined) : undefined,
      doses: kind === 'add' || kind === 'adjust_dose' || kind === 'change_schedule' ? doses : undefined,
    };
    const hasChange = change.cip13 !== undefined || (change.doses && Object.keys(change.doses).length > 0);
    return {
      problemCode: values.problemCode ?? undefined,
      interventionCode: values.interventionCode ?? undefined,
      drugs: values.drugs,
      description: values.description,
      prescriptionLineId: line ? Number(line) : undefined,
      change: kind && hasChange ? change : undefined,
    };
  };

  // What the dialog's own dose check needs (half a capsule is said before sending, as the server
  // would): the new product's BDPM form as chosen, and the resident's lines (product form, doses).
  const newProductForm = useRef<string | null>(null);
  const residentLines = useRef<Prescription[] | undefined>(undefined);

  const dialog = useDialogForm({
    schema: ProblemBody,
    initialValues: {
      problemCode: null,
      interventionCode: null,
      drugs: [],
      description: '',
      lineId: null,
      newCip13: null,
      doses: {},
    } as Values,
    toBody: problemBody,
    fieldOf: (path) => (path.startsWith('change.doses') ? 'doses' : path === 'change.cip13' ? 'newCip13' : undefined),
    errorFields: {
      'reviews.proposal_details_required': 'newCip13',
      'reviews.prescription_not_of_patient': 'lineId',
      // Said under the line, shown for every change of a line (product, doses or schedule).
      'reviews.change_changes_nothing': 'lineId',
      'reviews.unknown_product': 'drugs',
      'reviews.dose_not_divisible': 'doses',
    },
    // The line as the change would leave it (its product and doses, each changed or kept) must not
    // give a fraction of a whole-unit form: the server's rule (`reviews.dose_not_divisible`).
    check: (values, errors) => {
      const body = problemBody(values);
      if (!body.change || errors.doses) return;
      const line = residentLines.current?.find((p) => p.id === body.prescriptionLineId);
      const productForm = body.change.cip13 !== undefined ? newProductForm.current : (line?.productForm ?? null);
      const doses = body.change.doses ?? line?.doses;
      const undivided = doses ? undividedDoseTimes(productForm, doses) : null;
      if (undivided) errors.doses = describeError(t, new ApiError(422, 'reviews.dose_not_divisible', '', [undivided]));
    },
    submit: (body) => addProblem(target.reviewId, body),
    onSuccess: async () => {
      await refreshReviews(queryClient);
      notifySaved(t('reviewsUi.problem.done'));
      onDone();
    },
  });
  const { form } = dialog;
  const kind = kindOf(form.values);
  const needsProduct = kind === 'add' || kind === 'substitute';
  const needsDoses = kind === 'add' || kind === 'adjust_dose' || kind === 'change_schedule';
  // A dose or schedule change starts from the line's present doses: a time left empty would stop
  // that dose without anyone saying so. Filled again whenever the line or the change changes.
  const prescriptions = usePrescriptions(target.residentId ?? undefined).data;
  residentLines.current = prescriptions;
  const changedLine = kind === 'adjust_dose' || kind === 'change_schedule' ? lineOf(form.values) : null;
  const lineDoses = prescriptions?.find((p) => String(p.id) === changedLine)?.doses;
  const formRef = useRef(form);
  formRef.current = form;
  useEffect(() => {
    if (lineDoses) formRef.current.setFieldValue('doses', { ...lineDoses });
  }, [lineDoses]);

  return (
    <DialogForm dialog={dialog} submitLabel={t('reviewsUi.problem.submit')} onCancel={onDone}>
      <Stack gap="sm">
        <Select
          label={t('reviewsUi.problem.problem')}
          required
          searchable
          data-autofocus
          data={PROBLEM_CODES.map((code) => ({ value: code, label: `${code} — ${t(problemKey(code))}` }))}
          {...form.getInputProps('problemCode')}
        />
        <MultiSelect
          label={t('reviewsUi.problem.drugs')}
          required
          searchable
          data={drugOptions}
          {...form.getInputProps('drugs')}
        />
        <ProductSearch
          // A fresh, empty box after each drug added.
          key={others.length}
          label={t('reviewsUi.problem.otherDrug')}
          description={t('reviewsUi.problem.otherDrugHint')}
          value={null}
          onChange={(product) => {
            if (!product) return;
            setOthers((list) => [...list, [product.cip13, productName(product)]]);
            if (!form.values.drugs.includes(product.cip13)) {
              form.setFieldValue('drugs', [...form.values.drugs, product.cip13]);
            }
          }}
        />
        <Textarea
          label={t('reviewsUi.problem.description')}
          required
          autosize
          minRows={3}
          {...form.getInputProps('description')}
        />
        <Select
          label={t('reviewsUi.problem.intervention')}
          required
          data={INTERVENTION_CODES.map((code) => ({ value: code, label: `${code} — ${t(interventionKey(code))}` }))}
          {...form.getInputProps('interventionCode')}
        />
        {kind ? (
          <Stack gap="sm" p="sm" bg="var(--mantine-color-blue-light)" style={{ borderRadius: 8 }}>
            <Text size="sm">{t('reviewsUi.problem.proposalHint', { change: t(proposalKindKey(kind)) })}</Text>
            {kind !== 'add' ? (
              <Select
                label={t('reviewsUi.problem.line')}
                data={linesOf(form.values).map((m) => ({ value: String(m.id), label: m.productLabel }))}
                value={lineOf(form.values)}
                onChange={(value) => form.setFieldValue('lineId', value)}
                error={form.errors.lineId}
              />
            ) : null}
            {needsProduct ? (
              <ProductSearch
                label={t('reviewsUi.problem.newProduct')}
                value={form.values.newCip13}
                onChange={(product) => {
                  newProductForm.current = product?.form ?? null;
                  form.setFieldValue('newCip13', product?.cip13 ?? null);
                }}
                // A substitute keeps the line's doses: a dose the new product cannot give is said here.
                error={form.errors.newCip13 ?? (needsDoses ? undefined : form.errors.doses)}
              />
            ) : null}
            {needsDoses ? (
              <div>
                <Text size="sm" fw={500}>
                  {t('reviewsUi.problem.doses')}
                </Text>
                <Group grow gap="xs">
                  {times.map((time) => (
                    <NumberField
                      key={time}
                      label={time}
                      min={0}
                      // A proposed dose is never changed behind the pharmacist's back: 15 stays 15,
                      // a pasted "0.5" stays a half, and the schema refuses what is wrong in words.
                      decimals={2}
                      value={form.values.doses[time] ?? ''}
                      onChange={(value) => form.setFieldValue('doses', { ...form.values.doses, [time]: value })}
                    />
                  ))}
                </Group>
                {form.errors.doses ? (
                  // Red 9: red 8 reads 4.3:1 on the proposal's blue box.
                  <Text size="xs" c="red.9">
                    {form.errors.doses}
                  </Text>
                ) : null}
              </div>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </DialogForm>
  );
}

/** Records a drug-related problem found during the analysis, with the intervention proposed to the GP (SFPC Act-IP). */
export function ProblemDialog({ target, onClose }: { target: ProblemTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={target} title={t('reviewsUi.problem.title')} onClose={onClose} size="lg">
      {(s) => <ProblemForm target={s} onDone={onClose} />}
    </TargetDialog>
  );
}
