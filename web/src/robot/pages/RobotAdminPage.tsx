import { Select, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { CassettesPanel } from '../components/CassettesPanel';
import { ClosuresPanel } from '../components/ClosuresPanel';
import { RobotSettingsPanel } from '../components/RobotSettingsPanel';
import { WindowsPanel } from '../components/WindowsPanel';
import { useCassettes, useClosures, useRobots, useWindows } from '../robot.api';

/** The coordinator's robot page: throughput, working windows, closures and cassettes. */
export function RobotAdminPage() {
  const { t } = useI18n();
  const robots = useRobots();
  const [choice, setChoice] = useState<string | null>(null);
  const robot = robots.data?.find((r) => String(r.id) === choice) ?? robots.data?.[0];
  const windows = useWindows(robot?.id);
  const closures = useClosures(robot?.id);
  const cassettes = useCassettes(robot?.id);
  return (
    <Stack>
      <PageHeader
        title={t('robot.admin.title')}
        subtitle={robot ? t('robot.calendar.subtitle', { robot: robot.name, host: robot.hostPharmacyName }) : undefined}
        actions={
          robots.data && robots.data.length > 1 ? (
            <Select
              aria-label={t('robot.calendar.robot')}
              data={robots.data.map((r) => ({ value: String(r.id), label: r.name }))}
              value={robot ? String(robot.id) : null}
              onChange={setChoice}
              allowDeselect={false}
            />
          ) : undefined
        }
      />
      <QueryState query={robots} />
      {robot ? (
        <Tabs defaultValue="settings" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="settings">{t('robot.admin.settings')}</Tabs.Tab>
            <Tabs.Tab value="windows">{t('robot.admin.windows')}</Tabs.Tab>
            <Tabs.Tab value="closures">{t('robot.admin.closures')}</Tabs.Tab>
            <Tabs.Tab value="cassettes">{t('robot.cassettes.title')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="settings" pt="md">
            <RobotSettingsPanel key={robot.id} robot={robot} />
          </Tabs.Panel>
          <Tabs.Panel value="windows" pt="md">
            {windows.data ? (
              <WindowsPanel key={robot.id} robotId={robot.id} windows={windows.data} />
            ) : (
              <QueryState query={windows} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="closures" pt="md">
            {closures.data ? (
              <ClosuresPanel robotId={robot.id} closures={closures.data} />
            ) : (
              <QueryState query={closures} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="cassettes" pt="md">
            <CassettesPanel robotId={robot.id} cassettes={cassettes.data} />
          </Tabs.Panel>
        </Tabs>
      ) : null}
    </Stack>
  );
}
