import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shared/Dialog';
import { LeaveGuard } from '../shared/LeaveGuard';

/** Shows a generated password once; the server keeps only its hash. */
export function PasswordModal({
  shown,
  onClose,
}: {
  shown: { name: string; password: string } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    // Shown once: only « Fermer » closes it, not a stray Escape or click beside it.
    <Dialog
      opened={shown !== null}
      onClose={onClose}
      title={t('users.password.title')}
      closeOnEscape={false}
      closeOnClickOutside={false}
    >
      {shown ? (
        <Stack>
          {/* Back or a reload would lose it for good: the admin is asked first. */}
          <LeaveGuard
            unsaved={() => true}
            title={t('users.password.leaveTitle')}
            body={t('users.password.leaveBody')}
            go={t('users.password.leaveGo')}
          />
          <Alert color="teal" icon={<IconKey />}>
            <Text size="sm">{t('users.password.body', { name: shown.name })}</Text>
          </Alert>
          <TextInput
            label={t('users.password.label')}
            value={shown.password}
            readOnly
            data-testid="generated-password"
            styles={{ input: { fontFamily: 'monospace', fontSize: 18 } }}
            rightSectionWidth={110}
            rightSection={
              <CopyButton value={shown.password}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            }
          />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Dialog>
  );
}
