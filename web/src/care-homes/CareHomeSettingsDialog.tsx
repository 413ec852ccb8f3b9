import { ActionIcon, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { CareHomeSettingsBody } from '../../../server/orders/residents.schemas';
import { useI18n } from '../i18n/i18n';
import { type CareHomeSettings, saveCareHomeSettings, useCareHomeSettings } from '../orders/orders.api';
import { TargetDialog } from '../shared/Dialog';
import { DialogForm, useDialogForm } from '../shared/DialogForm';
import { notifySaved } from '../shared/notify';
import { QueryState } from '../shared/QueryState';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Values = {
  administrationTimes: { name: string; time: string }[];
  deliveryWeekday: string;
  deliveryTime: string;
  cutoffWeekday: string;
  cutoffTime: string;
};

const toBody = (v: Values) => ({
  ...v,
  deliveryWeekday: Number(v.deliveryWeekday),
  cutoffWeekday: Number(v.cutoffWeekday),
});

function SettingsForm({
  careHomeId,
  settings,
  onDone,
}: {
  careHomeId: number;
  settings: CareHomeSettings;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: CareHomeSettingsBody,
    initialValues: {
      administrationTimes: settings.administrationTimes,
      deliveryWeekday: String(settings.deliveryWeekday),
      deliveryTime: settings.deliveryTime,
      cutoffWeekday: String(settings.cutoffWeekday),
      cutoffTime: settings.cutoffTime,
    } as Values,
    toBody,
    errorFields: { 'care_homes.cutoff_after_delivery': 'cutoffWeekday', 'care_homes.no_production_time': 'cutoffTime' },
    submit: (body) => saveCareHomeSettings(careHomeId, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['care-homes'] }),
        queryClient.invalidateQueries({ queryKey: ['orders'] }),
      ]);
      notifySaved(t('common.saved'));
      onDone();
    },
  });
  const { form } = dialog;
  const weekdays = WEEKDAYS.map((day, i) => ({ value: String(i + 1), label: t(`careHomes.settings.weekday.${day}`) }));
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.save')} onCancel={onDone}>
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('careHomes.settings.times')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('careHomes.settings.timesHelp')}
        </Text>
        {form.values.administrationTimes.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a time's name is what the row edits
          <Group key={index} gap="xs" align="flex-start">
            <TextInput
              aria-label={t('careHomes.settings.timeNameOf', { n: index + 1 })}
              placeholder={t('careHomes.settings.timeName')}
              w={180}
              {...form.getInputProps(`administrationTimes.${index}.name`)}
            />
            <TextInput
              type="time"
              aria-label={
                row.name.trim()
                  ? t('careHomes.settings.timeAt', { name: row.name.trim() })
                  : t('careHomes.settings.timeAtNth', { n: index + 1 })
              }
              w={120}
              {...form.getInputProps(`administrationTimes.${index}.time`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={
                row.name.trim()
                  ? t('careHomes.settings.removeTime', { name: row.name.trim() })
                  : t('careHomes.settings.removeTimeNth', { n: index + 1 })
              }
              disabled={form.values.administrationTimes.length <= 1}
              onClick={() => form.removeListItem('administrationTimes', index)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        {form.errors.administrationTimes ? (
          <Text size="xs" c="red">
            {form.errors.administrationTimes}
          </Text>
        ) : null}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={16} />}
          disabled={form.values.administrationTimes.length >= 8}
          onClick={() => form.insertListItem('administrationTimes', { name: '', time: '' })}
        >
          {t('careHomes.settings.addTime')}
        </Button>
      </Stack>
      <Text size="sm" fw={500}>
        {t('careHomes.settings.weekBefore')}
      </Text>
      <Group grow align="flex-start">
        <Select
          label={t('careHomes.settings.cutoffDay')}
          allowDeselect={false}
          data={weekdays}
          {...form.getInputProps('cutoffWeekday')}
        />
        <TextInput type="time" label={t('careHomes.settings.cutoffTime')} {...form.getInputProps('cutoffTime')} />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('careHomes.settings.deliveryDay')}
          allowDeselect={false}
          data={weekdays}
          {...form.getInputProps('deliveryWeekday')}
        />
        <TextInput type="time" label={t('careHomes.settings.deliveryTime')} {...form.getInputProps('deliveryTime')} />
      </Group>
      <Text size="xs" c="dimmed">
        {t('careHomes.settings.ordersFollow')}
      </Text>
    </DialogForm>
  );
}

function SettingsLoader({ careHomeId, onDone }: { careHomeId: number; onDone: () => void }) {
  const settings = useCareHomeSettings(careHomeId);
  if (!settings.data) return settings.isPending ? <Loader size="sm" /> : <QueryState query={settings} />;
  return <SettingsForm careHomeId={careHomeId} settings={settings.data} onDone={onDone} />;
}

/** Admin: a care home's administration times, order cut-off and delivery (Paris time, the week before). */
export function CareHomeSettingsDialog({
  target,
  onClose,
}: {
  target: { id: number; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      size="lg"
      title={(c) => t('careHomes.settings.title', { name: c.name })}
      onClose={onClose}
    >
      {(c) => <SettingsLoader careHomeId={c.id} onDone={onClose} />}
    </TargetDialog>
  );
}
