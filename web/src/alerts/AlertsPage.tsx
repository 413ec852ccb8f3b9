import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconEyeOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ALERT_DOMAINS_OF_ROLE, type AlertDomain, AlertsQuery } from '../../../server/alerts/alerts.schemas';
import { PERIOD_INVERTED } from '../../../server/shared/schemas';
import { useSessionUser } from '../auth/auth-context';
import { alertDisplayParams } from '../home/AlertsCard';
import { isMessageKey, useI18n } from '../i18n/i18n';
import { type Column, DataTable } from '../shared/DataTable';
import { DayFilterField } from '../shared/DateField';
import { formatCalendarDate, formatDateTime } from '../shared/format';
import { useMutation } from '../shared/mutation';
import { notifyFailed, notifySaved } from '../shared/notify';
import { PageHeader } from '../shared/PageHeader';
import {
  ALERTS_KEY,
  type AlertFilters,
  type AlertItem,
  type AlertState,
  alertDomain,
  alertLink,
  dismissAlert,
  reopenAlert,
  useAlertList,
} from './alerts.api';
import { showDismissedNotice } from './DismissedNotice';

const STATES: readonly AlertState[] = ['open', 'dismissed', 'all'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's filters, kept in the address so a link ("et 3 de plus") or a reload shows the same list. */
function filtersOf(params: URLSearchParams, domains: readonly AlertDomain[]): AlertFilters {
  const state = STATES.find((s) => s === params.get('state')) ?? 'open';
  const domain = domains.find((d) => d === params.get('domain'));
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : undefined;
  };
  return { state, domain, from: day('from'), to: day('to') };
}

function useFilters(domains: readonly AlertDomain[]): [AlertFilters, (next: Partial<AlertFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params, domains);
  const update = (next: Partial<AlertFilters>) => {
    // From the address bar, not `params`: React Router renders a new address in a transition,
    // so a filter changed right after another would otherwise undo it (see admin/AuditPage.tsx).
    const merged = { ...filtersOf(new URLSearchParams(window.location.search), domains), ...next };
    const search: Record<string, string> = {};
    if (merged.state !== 'open') search.state = merged.state;
    if (merged.domain) search.domain = merged.domain;
    if (merged.from) search.from = merged.from;
    if (merged.to) search.to = merged.to;
    setParams(search, { replace: true });
  };
  return [filters, update];
}

/**
 * Every alert of my pharmacy, care home or role: open ones first as on the home card, the
 * dismissed ones on demand; each links to the page where it is acted on, and a dismissal can be
 * undone here.
 */
export function AlertsPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Only the domains whose alerts reach my role; with one or none, neither filter nor column.
  const { role } = useSessionUser();
  const domains = ALERT_DOMAINS_OF_ROLE[role];
  const severalDomains = domains.length > 1;
  const [filters, setFilters] = useFilters(domains);
  // The server's own rule (400 otherwise): a reversed period is said as such, not asked for.
  const periodInverted = !AlertsQuery.safeParse(filters).success;
  const alerts = useAlertList(filters, { enabled: !periodInverted });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
  const dismiss = useMutation({
    mutationFn: dismissAlert,
    onSuccess: (alert) => {
      showDismissedNotice({
        alertId: alert.id,
        message: t('alerts.page.dismissed'),
        undoLabel: t('alerts.page.undo'),
        onUndo: () => reopen.mutate(alert.id),
      });
      return refresh();
    },
    onError: () => notifyFailed(t('alerts.page.failed')),
  });
  const reopen = useMutation({
    mutationFn: reopenAlert,
    onSuccess: () => {
      notifySaved(t('alerts.page.reopened'));
      return refresh();
    },
    onError: () => notifyFailed(t('alerts.page.failed')),
  });
  const message = (alert: AlertItem) =>
    isMessageKey(alert.messageKey)
      ? t(alert.messageKey, alertDisplayParams(alert.params))
      : t('home.alerts.unknown', { kind: alert.kind });
  const domainLabel = (domain: AlertDomain) => t(`alerts.domain.${domain}`);

  const allColumns: Column<AlertItem>[] = [
    {
      key: 'raisedOn',
      header: t('alerts.col.raisedOn'),
      cell: (alert) => formatCalendarDate(alert.raisedOn),
      sortBy: (alert) => alert.raisedOn,
      width: 110,
    },
    {
      key: 'domain',
      header: t('alerts.col.domain'),
      cell: (alert) => {
        const domain = alertDomain(alert.kind);
        return domain ? (
          <Badge variant="light" color="gray">
            {domainLabel(domain)}
          </Badge>
        ) : null;
      },
      visibleFrom: 'md',
      width: 150,
    },
    {
      key: 'message',
      header: t('alerts.col.message'),
      cell: (alert) => {
        const to = alertLink(alert);
        return (
          <Stack gap={2}>
            <Text size="sm">{message(alert)}</Text>
            {to ? (
              <Anchor component={Link} to={to} size="sm">
                {t('alerts.open')}
              </Anchor>
            ) : null}
          </Stack>
        );
      },
    },
    {
      key: 'state',
      header: t('alerts.col.state'),
      cell: (alert) =>
        alert.dismissedAt ? (
          <Text size="sm" c="dimmed">
            {t('alerts.state.dismissedOn', { when: formatDateTime(alert.dismissedAt) })}
          </Text>
        ) : (
          <Badge color="orange" variant="light">
            {t('alerts.state.open')}
          </Badge>
        ),
      width: 170,
    },
    {
      key: 'action',
      header: t('alerts.col.action'),
      hideHeader: true,
      align: 'right',
      width: 150,
      cell: (alert) =>
        alert.dismissedAt ? (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconArrowBackUp size={16} />}
            loading={reopen.isPending && reopen.variables === alert.id}
            onClick={() => reopen.mutate(alert.id)}
          >
            {t('alerts.action.reopen')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconEyeOff size={16} />}
            loading={dismiss.isPending && dismiss.variables === alert.id}
            onClick={() => dismiss.mutate(alert.id)}
          >
            {t('alerts.action.dismiss')}
          </Button>
        ),
    },
  ];

  const columns = severalDomains ? allColumns : allColumns.filter((column) => column.key !== 'domain');

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('alerts.page.title')}
        subtitle={t(
          role === 'pharmacist' || role === 'technician'
            ? 'alerts.page.subtitle.staff'
            : `alerts.page.subtitle.${role}`,
        )}
      />
      <Group align="flex-end" gap="md" wrap="wrap">
        <SegmentedControl
          aria-label={t('alerts.filter.state')}
          value={filters.state}
          onChange={(value) => setFilters({ state: value as AlertState })}
          data={STATES.map((value) => ({ value, label: t(`alerts.state.filter.${value}`) }))}
        />
        {severalDomains ? (
          <Select
            label={t('alerts.filter.domain')}
            placeholder={t('alerts.filter.allDomains')}
            clearable
            w={200}
            value={filters.domain ?? null}
            onChange={(value) => setFilters({ domain: (value as AlertDomain | null) ?? undefined })}
            data={domains.map((value) => ({ value, label: domainLabel(value) }))}
          />
        ) : null}
        <DayFilterField
          label={t('alerts.filter.from')}
          w={170}
          day={filters.from}
          onDay={(from) => setFilters({ from })}
        />
        <DayFilterField
          label={t('alerts.filter.to')}
          w={170}
          day={filters.to}
          onDay={(to) => setFilters({ to })}
          error={periodInverted}
          aria-describedby={periodInverted ? 'alerts-period-error' : undefined}
        />
      </Group>
      {periodInverted ? (
        <Text id="alerts-period-error" size="sm" c="red.8" role="alert">
          {t(PERIOD_INVERTED)}
        </Text>
      ) : (
        <DataTable
          label={t('alerts.page.title')}
          columns={columns}
          rows={alerts.data}
          rowKey={(alert) => alert.id}
          query={alerts}
          empty={t('alerts.page.empty')}
          pageSize={25}
          rowTestId={(alert) => `alert-${alert.id}`}
          minWidth={640}
        />
      )}
    </Stack>
  );
}
