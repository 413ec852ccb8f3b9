import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ThresholdBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { refreshStock, setThreshold, type ThresholdItem } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

type Values = { cip13: string | null; minQuantity: number | string };

function ThresholdForm({ threshold, onDone }: { threshold: ThresholdItem | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const toBody = (values: Values) => ({ minQuantity: numberOrUndefined(values.minQuantity) });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { cip13: threshold?.cip13 ?? null, minQuantity: threshold?.minQuantity ?? '' },
    validate: (values) => {
      const errors = validateAsBody(ThresholdBody, t, toBody)(values);
      if (!values.cip13) errors.cip13 = t('validation.required');
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => setThreshold(values.cip13 ?? '', ThresholdBody.parse(toBody(values)).minQuantity),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('common.saved') });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {save.error ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        {threshold ? (
          <Text fw={500}>{threshold.productLabel}</Text>
        ) : (
          <ProductSearch
            label={t('stock.field.product')}
            required
            data-autofocus
            value={form.values.cip13}
            onChange={(product) => form.setFieldValue('cip13', product?.cip13 ?? null)}
            error={form.errors.cip13}
          />
        )}
        <NumberInput
          label={t('stockAlerts.thresholds.minQuantity')}
          description={t('stockAlerts.thresholds.minQuantityHint')}
          required
          data-autofocus={threshold ? true : undefined}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('minQuantity')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The minimum quantity under which the low-stock list and job flag a product. */
export function ThresholdModal({
  target,
  onClose,
}: {
  target: { threshold: ThresholdItem | null } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={target !== null}
      onClose={onClose}
      title={target?.threshold ? t('stockAlerts.thresholds.edit') : t('stockAlerts.thresholds.new')}
      size="lg"
    >
      {target ? (
        <ThresholdForm key={target.threshold?.cip13 ?? 'new'} threshold={target.threshold} onDone={onClose} />
      ) : null}
    </Modal>
  );
}
