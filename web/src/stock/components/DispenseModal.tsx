import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DispenseBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { dispenseStock, type Lot, refreshStock, useLots } from '../stock.api';
import { numberOrUndefined, validateAsBody } from '../stock.forms';

type Values = { cip13: string | null; quantity: number | string; lotId: string | null };

const toBody = (values: Values) => ({
  cip13: values.cip13 ?? undefined,
  quantity: numberOrUndefined(values.quantity),
  lotId: values.lotId ? Number(values.lotId) : undefined,
});

function DispenseForm({ lot, onDone }: { lot: Lot | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { cip13: lot?.cip13 ?? null, quantity: '', lotId: lot ? String(lot.id) : null },
    validate: validateAsBody(DispenseBody, t, toBody),
  });
  const lots = useLots({ cip13: form.values.cip13 ?? undefined }, !lot && form.values.cip13 !== null);
  const save = useMutation({
    mutationFn: (values: Values) => dispenseStock(DispenseBody.parse(toBody(values))),
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      const detail = result.movements.map((m) => `${m.lotNumber} × ${m.quantity}`).join(', ');
      notifications.show({ color: 'teal', message: t('stock.dispense.done', { detail }) });
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
        {lot ? (
          <Text>
            {t('stock.lotSummary', {
              product: lot.productLabel,
              lotNumber: lot.lotNumber,
              expiryDate: formatCalendarDate(lot.expiryDate),
              available: lot.available,
            })}
          </Text>
        ) : (
          <>
            <ProductSearch
              label={t('stock.field.product')}
              required
              data-autofocus
              value={form.values.cip13}
              onChange={(product) => {
                form.setFieldValue('cip13', product?.cip13 ?? null);
                form.setFieldValue('lotId', null);
              }}
              error={form.errors.cip13}
            />
            <Select
              label={t('stock.field.lot')}
              description={t('stock.dispense.fefoHint')}
              placeholder={t('stock.dispense.fefo')}
              clearable
              disabled={form.values.cip13 === null}
              data={(lots.data ?? []).map((l) => ({
                value: String(l.id),
                label: t('stock.lotOption', {
                  lotNumber: l.lotNumber,
                  expiryDate: formatCalendarDate(l.expiryDate),
                  available: l.available,
                }),
              }))}
              {...form.getInputProps('lotId')}
            />
          </>
        )}
        <NumberInput
          label={t('stock.field.quantity')}
          description={t('stock.field.quantityUnits')}
          required
          data-autofocus={lot ? true : undefined}
          min={1}
          max={lot?.available}
          // Not clamped: asking for more than is there gets the server's answer, which says how many are.
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quantity')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('stock.dispense.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Units handed to patients, from a named lot or first-expired-first-out. */
export function DispenseModal({ opened, lot, onClose }: { opened: boolean; lot: Lot | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('stock.dispense.title')}
      size="lg"
    >
      {opened ? <DispenseForm key={lot?.id ?? 'any'} lot={lot} onDone={onClose} /> : null}
    </Modal>
  );
}
