import { Badge, Button, Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { AUDIT_RANGE_INVERTED, type AuditEntry, AuditQuery } from '../../../server/audit/audit.schemas';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from '../pharmacies/pharmacies.api';
import { apiFetch } from '../shared/api';
import { type Column, DataTable } from '../shared/DataTable';
import { DayFilterField } from '../shared/DateField';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { auditActionLabel, auditActorLabel, auditDetailsText, auditEntityLabel } from './audit-labels';
import { useUsers } from './users.api';

type Entry = z.infer<typeof AuditEntry>;
type AuditPageData = { items: Entry[]; total: number; page: number; pageSize: number };

/** Failed logins: security events recorded by the login (server/auth/auth.usecases.ts). */
const FAILED_LOGIN = 'auth.login_failed';
const PAGE_SIZE = 50;
const FILTERS = ['actorUserId', 'action', 'entity', 'entityId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The filters in the address bar now. React Router renders a new address in a transition, so
 * for a moment (~200 ms on a busy machine) `useSearchParams` still holds the previous one: a
 * filter built on it would bring back the filter just removed. The address is the truth.
 */
const liveParams = () => new URLSearchParams(window.location.search);

/** A filter's options, with the value in the address even when the log holds none of it yet. */
const withCurrent = (options: string[] | undefined, current: string | undefined) =>
  current && !options?.includes(current) ? [...(options ?? []), current] : (options ?? []);

/** A code in small grey type under its French label, for the admin who reads the API or the logs. */
function CodeHint({ code }: { code: string }) {
  return (
    <Text size="xs" c="dimmed" ff="monospace">
      {code}
    </Text>
  );
}

/** Filter options read in French, sorted as French readers expect, each showing its code. */
const labelledOptions = (codes: string[], label: (code: string) => string) =>
  codes
    .map((code) => ({ value: code, label: label(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr') || a.value.localeCompare(b.value));

const renderCodeOption = ({ option }: { option: { value: string; label: string } }) => (
  <div>
    <Text size="sm">{option.label}</Text>
    <CodeHint code={option.value} />
  </div>
);

/**
 * The audit log for the admin: who did what, when, on which entity, newest first, 50 a page,
 * filtered on the server. Failed logins are one click away. Rows about patients show ids and
 * counts only (server/audit/audit-privacy.ts).
 */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const users = useUsers();
  const pharmacies = usePharmacies();
  const pharmacyName = (id: number) => pharmacies.data?.find((p) => p.id === id)?.name;
  const value = (name: Filter) => params.get(name) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [entityId, setEntityId] = useState(value('entityId') ?? '');

  const setFilter = (changes: Partial<Record<Filter, string | undefined>>) => {
    const next = liveParams();
    for (const [name, v] of Object.entries(changes)) {
      if (v) next.set(name, v);
      else next.delete(name);
    }
    next.delete('page');
    setParams(next, { replace: true });
  };

  const query = Object.fromEntries(FILTERS.map((name) => [name, value(name)]));
  // The server's own rule (400 otherwise): a reversed period is shown as such, not asked for.
  const rangeInverted = AuditQuery.safeParse(query).error?.issues.some((i) => i.message === AUDIT_RANGE_INVERTED);
  const facets = useQuery({
    queryKey: ['audit', 'facets'],
    queryFn: () => apiFetch<{ actions: string[]; entities: string[] }>('/audit/facets'),
  });
  const log = useQuery({
    queryKey: ['audit', query, page],
    queryFn: () => apiFetch<AuditPageData>('/audit', { query: { ...query, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    enabled: !rangeInverted,
  });
  const userNames = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const failedLoginsOnly = value('action') === FAILED_LOGIN;
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;

  const columns: Column<Entry>[] = [
    { key: 'at', header: t('audit.col.at'), cell: (e) => formatDateTime(e.at), width: 150 },
    {
      key: 'who',
      header: t('audit.col.who'),
      width: 230,
      cell: (e) => {
        const name = e.actorUserId == null ? undefined : userNames.get(e.actorUserId);
        if (name) {
          return (
            <div>
              <Text size="sm">{name}</Text>
              <Text size="xs" c="dimmed">
                {e.actorLabel}
              </Text>
            </div>
          );
        }
        const actor = auditActorLabel(t, e.actorLabel);
        return (
          <div title={e.actorLabel}>
            <Text size="sm">{actor.label}</Text>
            {actor.detail ? (
              <Text size="xs" c="dimmed">
                {actor.detail}
              </Text>
            ) : null}
          </div>
        );
      },
    },
    {
      key: 'action',
      header: t('audit.col.action'),
      cell: (e) => (
        <div>
          {e.action === FAILED_LOGIN ? (
            <Badge color="red" variant="light">
              {t('audit.failedLogin')}
            </Badge>
          ) : (
            <Text size="sm">{auditActionLabel(t, e.action)}</Text>
          )}
          <CodeHint code={e.action} />
        </div>
      ),
    },
    {
      key: 'entity',
      header: t('audit.col.entity'),
      cell: (e) => (
        <Text size="sm" title={t('audit.code', { code: e.entity })}>
          {!e.entityId
            ? auditEntityLabel(t, e.entity)
            : e.entity === 'security'
              ? t('audit.securityAccount', { id: e.entityId })
              : t('audit.entityWithId', { entity: auditEntityLabel(t, e.entity), id: e.entityId })}
        </Text>
      ),
    },
    {
      key: 'details',
      header: t('audit.col.details'),
      visibleFrom: 'md',
      cell: (e) => (
        <Text
          size="xs"
          c="dimmed"
          lineClamp={2}
          title={auditDetailsText(t, e.details, pharmacyName, lang)}
          style={{ wordBreak: 'break-word' }}
        >
          {auditDetailsText(t, e.details, pharmacyName, lang)}
        </Text>
      ),
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <Button
            variant={failedLoginsOnly ? 'filled' : 'light'}
            color="red"
            leftSection={<IconShieldLock size={18} />}
            aria-pressed={failedLoginsOnly}
            onClick={() => setFilter({ action: failedLoginsOnly ? undefined : FAILED_LOGIN })}
          >
            {t('audit.filter.failedLogins')}
          </Button>
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('audit.filter.who')}
          placeholder={t('audit.filter.anyone')}
          searchable
          clearable
          w={190}
          value={value('actorUserId') ?? null}
          onChange={(v) => setFilter({ actorUserId: v ?? undefined })}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.email})` }))}
        />
        <Select
          label={t('audit.filter.action')}
          placeholder={t('audit.filter.anyAction')}
          searchable
          clearable
          w={210}
          value={value('action') ?? null}
          onChange={(v) => setFilter({ action: v ?? undefined })}
          comboboxProps={{ width: 320, position: 'bottom-start' }}
          renderOption={renderCodeOption}
          data={labelledOptions(withCurrent(facets.data?.actions, value('action')), (a) => auditActionLabel(t, a))}
        />
        <Select
          label={t('audit.filter.entity')}
          placeholder={t('audit.filter.anyEntity')}
          searchable
          clearable
          w={180}
          value={value('entity') ?? null}
          onChange={(v) => setFilter({ entity: v ?? undefined })}
          comboboxProps={{ width: 260, position: 'bottom-start' }}
          renderOption={renderCodeOption}
          data={labelledOptions(withCurrent(facets.data?.entities, value('entity')), (e) => auditEntityLabel(t, e))}
        />
        <TextInput
          label={t('audit.filter.entityId')}
          w={70}
          value={entityId}
          onChange={(event) => setEntityId(event.currentTarget.value)}
          onBlur={() => setFilter({ entityId: entityId.trim() || undefined })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') setFilter({ entityId: entityId.trim() || undefined });
          }}
        />
        <DayFilterField
          label={t('audit.filter.from')}
          w={140}
          day={value('from')}
          onDay={(from) => setFilter({ from })}
        />
        <DayFilterField
          label={t('audit.filter.to')}
          w={140}
          day={value('to')}
          onDay={(to) => setFilter({ to })}
          error={rangeInverted}
          aria-describedby={rangeInverted ? 'audit-range-error' : undefined}
        />
      </Group>
      {rangeInverted ? (
        <Text id="audit-range-error" size="sm" c="red.8" role="alert">
          {t(AUDIT_RANGE_INVERTED)}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" aria-live="polite">
          {log.data ? t('audit.count', { count: log.data.total }) : '\u00a0'}
        </Text>
      )}
      {rangeInverted ? null : (
        <DataTable
          label={t('audit.title')}
          columns={columns}
          rows={log.data?.items}
          rowKey={(e) => e.id}
          query={log}
          empty={t('audit.empty')}
          minWidth={720}
          rowTestId={(e) => `audit-${e.id}`}
        />
      )}
      {pages > 1 && !rangeInverted ? (
        <Pagination
          total={pages}
          value={page}
          onChange={(next) => {
            const nextParams = liveParams();
            nextParams.set('page', String(next));
            setParams(nextParams, { replace: true });
          }}
          aria-label={t('audit.pages')}
          getControlProps={(control) => ({
            'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
          })}
        />
      ) : null}
    </Stack>
  );
}
