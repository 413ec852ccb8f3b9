import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type Pharmacy,
  type UpdatePharmacyBody,
  updatePharmacyBody,
} from '../../../server/pharmacies/pharmacies.schemas';
import { useI18n } from '../i18n/i18n';
import { PHARMACIES_KEY, updatePharmacy, usePharmacies } from '../pharmacies/pharmacies.api';
import { describeError } from '../shared/errors';
import { validateWith } from '../shared/forms';

function PharmacyForm({ pharmacy, onDone }: { pharmacy: Pharmacy; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useForm<UpdatePharmacyBody>({
    mode: 'controlled',
    initialValues: { name: pharmacy.name, town: pharmacy.town },
    validate: validateWith(updatePharmacyBody, t),
  });
  const save = useMutation({
    mutationFn: (values: UpdatePharmacyBody) => updatePharmacy(pharmacy.id, values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: PHARMACIES_KEY });
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
        <TextInput label={t('pharmacies.field.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('pharmacies.field.town')} required {...form.getInputProps('town')} />
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

export function PharmaciesPage() {
  const { t } = useI18n();
  const pharmacies = usePharmacies();
  const [editing, setEditing] = useState<Pharmacy | null>(null);
  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1} size="h2">
        {t('pharmacies.title')}
      </Title>
      {pharmacies.error ? (
        <Alert color="red" role="alert">
          {describeError(t, pharmacies.error)}
        </Alert>
      ) : null}
      {pharmacies.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {pharmacies.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder aria-label={t('pharmacies.title')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pharmacies.col.name')}</Table.Th>
                <Table.Th>{t('pharmacies.col.town')}</Table.Th>
                <Table.Th>{t('pharmacies.col.slug')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pharmacies.data.map((pharmacy) => (
                <Table.Tr key={pharmacy.id}>
                  <Table.Td fw={500}>{pharmacy.name}</Table.Td>
                  <Table.Td>{pharmacy.town}</Table.Td>
                  <Table.Td>
                    <code>{pharmacy.slug}</code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={pharmacy.active ? 'teal' : 'gray'}>
                      {pharmacy.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${t('common.edit')} ${pharmacy.name}`}
                      onClick={() => setEditing(pharmacy)}
                    >
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('pharmacies.edit.title', { name: editing.name }) : ''}
      >
        {editing ? <PharmacyForm key={editing.id} pharmacy={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}
