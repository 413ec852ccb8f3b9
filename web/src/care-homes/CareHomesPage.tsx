import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type CareHome, careHomeBody } from '../../../server/care-homes/care-homes.schemas';
import type { Pharmacy } from '../../../server/pharmacies/pharmacies.schemas';
import { useSessionUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from '../pharmacies/pharmacies.api';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { validateWith } from '../shared/forms';
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
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: careHome
      ? { name: careHome.name, finess: careHome.finess, pharmacyId: careHome.pharmacyId }
      : { name: '', finess: '', pharmacyId: null },
    validate: validateWith(careHomeBody, t),
  });
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = careHomeBody.parse(values);
      return careHome ? updateCareHome(careHome.id, body) : createCareHome(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: CARE_HOMES_KEY });
      notifications.show({
        color: 'teal',
        message: careHome ? t('common.saved') : t('careHomes.created', { name: saved.name }),
      });
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'care_homes.finess_taken') {
        form.setFieldError('finess', t('errors.care_homes.finess_taken'));
      }
    },
  });
  const showError = save.error && !(save.error instanceof ApiError && save.error.code === 'care_homes.finess_taken');
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {showError ? (
          <Alert color="red" role="alert">
            {describeError(t, save.error)}
          </Alert>
        ) : null}
        <TextInput label={t('careHomes.field.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('careHomes.field.finess')} required maxLength={9} {...form.getInputProps('finess')} />
        <Select
          label={t('careHomes.field.pharmacy')}
          required
          data={pharmacies.map((pharmacy) => ({ value: String(pharmacy.id), label: pharmacy.name }))}
          value={form.values.pharmacyId === null ? null : String(form.values.pharmacyId)}
          onChange={(value) => form.setFieldValue('pharmacyId', value ? Number(value) : null)}
          error={form.errors.pharmacyId}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {careHome ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
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
  const pharmacyNames = useMemo(() => new Map(pharmacies.data?.map((p) => [p.id, p.name])), [pharmacies.data]);

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {t('careHomes.title')}
          </Title>
          {canManage ? null : <Text c="dimmed">{t('careHomes.subtitle.staff')}</Text>}
        </div>
        {canManage ? (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setFormTarget({ careHome: null })}>
            {t('careHomes.new')}
          </Button>
        ) : null}
      </Group>
      {careHomes.error ? (
        <Alert color="red" role="alert">
          {describeError(t, careHomes.error)}
        </Alert>
      ) : null}
      {careHomes.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {careHomes.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder aria-label={t('careHomes.title')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('careHomes.col.name')}</Table.Th>
                <Table.Th>{t('careHomes.col.finess')}</Table.Th>
                <Table.Th>{t('careHomes.col.pharmacy')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                {canManage ? (
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {careHomes.data.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={canManage ? 5 : 4}>
                    <Text c="dimmed">{t('careHomes.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {careHomes.data.map((careHome) => (
                <Table.Tr key={careHome.id}>
                  <Table.Td fw={500}>{careHome.name}</Table.Td>
                  <Table.Td>
                    <code>{careHome.finess}</code>
                  </Table.Td>
                  <Table.Td>{pharmacyNames.get(careHome.pharmacyId) ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={careHome.active ? 'teal' : 'gray'}>
                      {careHome.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  {canManage ? (
                    <Table.Td ta="right">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`${t('common.edit')} ${careHome.name}`}
                        onClick={() => setFormTarget({ careHome })}
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={formTarget !== null}
        onClose={() => setFormTarget(null)}
        title={
          formTarget?.careHome
            ? t('careHomes.edit.title', { name: formTarget.careHome.name })
            : t('careHomes.create.title')
        }
      >
        {formTarget ? (
          <CareHomeForm
            key={formTarget.careHome?.id ?? 'new'}
            careHome={formTarget.careHome}
            pharmacies={pharmacies.data ?? []}
            onDone={() => setFormTarget(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
