import { ActionIcon, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ABSENCE_REASONS, type AbsenceReason } from '../../../../server/orders/orders.models';
import { ChangeRequestBody, MAX_CHANGE_ABSENCES } from '../../../../server/orders/orders.schemas';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { Dialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { notifySaved } from '../../shared/notify';
import { type OrderDetail, refreshOrders, requestChange } from '../orders.api';

type AbsenceRow = { residentId: string | null; from: string | null; to: string | null; reason: AbsenceReason };
type Values = { message: string; absences: AbsenceRow[] };

const toBody = (values: Values) => ({
  message: values.message,
  absences: values.absences.map((a) => ({
    residentId: a.residentId ? Number(a.residentId) : undefined,
    from: a.from ?? undefined,
    to: a.to ?? undefined,
    reason: a.reason,
  })),
});

function ChangeRequestForm({ order, onDone }: { order: OrderDetail; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ChangeRequestBody,
    initialValues: { message: '', absences: [] } as Values,
    toBody,
    submit: (body) => requestChange(order.id, body),
    onSuccess: () => {
      onDone();
      notifySaved(t('orders.change.sent'));
      void refreshOrders(queryClient);
    },
  });
  const { form } = dialog;
  const first = order.days[0];
  const last = order.days[6];
  return (
    <DialogForm dialog={dialog} submitLabel={t('orders.change.send')} onCancel={onDone}>
      <Text size="sm" c="dimmed">
        {t('orders.change.explain')}
      </Text>
      <Textarea
        label={t('orders.change.message')}
        required
        autosize
        minRows={3}
        data-autofocus
        {...form.getInputProps('message')}
      />
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('orders.change.absences')}
        </Text>
        {form.values.absences.map((_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are sent
          <Group key={index} align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('orders.change.resident')}
              searchable
              w={220}
              data={order.residents.map((r) => ({ value: String(r.residentId), label: `${r.name} (${r.room})` }))}
              {...form.getInputProps(`absences.${index}.residentId`)}
            />
            <DateField
              label={t('orders.change.from')}
              w={140}
              minDate={first}
              maxDate={last}
              {...form.getInputProps(`absences.${index}.from`)}
            />
            <DateField
              label={t('orders.change.to')}
              w={140}
              minDate={first}
              maxDate={last}
              {...form.getInputProps(`absences.${index}.to`)}
            />
            <Select
              label={t('orders.absence.reason')}
              w={160}
              allowDeselect={false}
              data={ABSENCE_REASONS.map((r) => ({ value: r, label: t(`orders.absence.reason.${r}`) }))}
              {...form.getInputProps(`absences.${index}.reason`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t('orders.change.removeAbsence')}
              onClick={() => form.removeListItem('absences', index)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        {/* The request's limit said before it is reached, not after a silent refusal. */}
        {form.errors.absences ? (
          <Text size="xs" c="red">
            {form.errors.absences}
          </Text>
        ) : form.values.absences.length >= MAX_CHANGE_ABSENCES ? (
          <Text size="xs" c="dimmed">
            {t('orders.change.tooManyAbsences', { maximum: MAX_CHANGE_ABSENCES })}
          </Text>
        ) : null}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={16} />}
          w="fit-content"
          disabled={form.values.absences.length >= MAX_CHANGE_ABSENCES}
          onClick={() =>
            form.insertListItem('absences', { residentId: null, from: null, to: null, reason: 'hospitalisation' })
          }
        >
          {t('orders.change.addAbsence')}
        </Button>
      </Stack>
    </DialogForm>
  );
}

/** After the cut-off, the care home asks the pharmacy for a late change: what and, if it is an absence, who and when. */
export function ChangeRequestDialog({
  order,
  opened,
  onClose,
}: {
  order: OrderDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('orders.change.title')} size="xl">
      {opened ? <ChangeRequestForm order={order} onDone={onClose} /> : null}
    </Dialog>
  );
}
