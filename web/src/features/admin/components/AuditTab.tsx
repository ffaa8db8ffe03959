import { ActionIcon, Badge, Code, Group, SimpleGrid, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '@/components/ui/DateField';
import { ClearFilters, PagedList } from '@/components/ui/ListParts';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDateTime } from '@/lib/format';
import { usePermissionTexts } from '@/lib/permissions';
import { useUrlParams } from '@/lib/urlParams';
import { useAuditLog, useActorSearch, useProjectChoices, type AuditEntry } from '../api/audit';
import { AUDIT_ACTIONS, describeChanges, ENTITY_TYPES, formatAuditValue, shortId, splitAction } from './auditChanges';
import '../i18n';

/** `YYYY-MM-DD` → the instant its day starts (or ends) in the user's time zone. */
function dayBoundary(date: string, end: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, end ? 23 : 0, end ? 59 : 0, end ? 59 : 0, end ? 999 : 0).toISOString();
}

/** Who changed what and when: filters in the URL, newest first, each entry's changes on demand. */
export function AuditTab() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const url = useUrlParams();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [actorSearch, setActorSearch] = useState('');
  const [debouncedActor] = useDebouncedValue(actorSearch, 200);
  const actors = useActorSearch(debouncedActor);
  const projects = useProjectChoices();

  const get = (key: string) => url.get(key);
  const entityType = get('entity_type');
  const entityId = get('entity_id');
  const action = get('action');
  const actorId = get('actor');
  const actorName = get('actor_name');
  const projectId = get('project');
  const from = get('from');
  const to = get('to');
  const filters = useMemo(
    () => ({
      entity_type: entityType,
      entity_id: entityId,
      action,
      actor_id: actorId,
      project_id: projectId,
      from: from ? dayBoundary(from, false) : '',
      to: to ? dayBoundary(to, true) : '',
    }),
    [entityType, entityId, action, actorId, projectId, from, to],
  );
  const log = useAuditLog(filters);
  const filtered = [entityType, entityId, action, actorId, projectId, from, to].some((v) => v !== '');

  const set = url.update;

  const entityLabel = (type: string) => t(`audit.entityTypes.${type}`, { defaultValue: type });
  const actionLabel = (value: string) => {
    const { entity, verb } = splitAction(value);
    return `${entityLabel(entity)} · ${t(`audit.verbs.${verb}`, { defaultValue: verb })}`;
  };
  const actionGroups = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const value of AUDIT_ACTIONS) {
      const { entity, verb } = splitAction(value);
      const group = t(`audit.entityTypes.${entity}`, { defaultValue: entity });
      groups.set(group, [...(groups.get(group) ?? []), { value, label: `${group} · ${t(`audit.verbs.${verb}`, { defaultValue: verb })}` }]);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [t]);
  const projectName = useMemo(() => new Map((projects.data?.items ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const actorOptions = useMemo(() => {
    const options = (actors.data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${`${u.first_name} ${u.last_name}`.trim()} (${u.email})`,
    }));
    if (actorId && !options.some((o) => o.value === actorId)) options.unshift({ value: actorId, label: actorName || shortId(actorId) });
    return options;
  }, [actors.data, actorId, actorName]);

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const total = log.data?.pages[0]?.total;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('audit.entityType')}
          placeholder={t('audit.anyEntityType')}
          data={ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(type) }))}
          value={entityType || null}
          onChange={(v) => set({ entity_type: v })}
          clearable
          searchable
        />
        <Select
          label={t('audit.action')}
          placeholder={t('audit.anyAction')}
          data={actionGroups}
          value={action || null}
          onChange={(v) => set({ action: v })}
          clearable
          searchable
          nothingFoundMessage={tc('states.noMatches')}
        />
        <Select
          label={t('audit.actor')}
          placeholder={t('audit.anyActor')}
          data={actorOptions}
          value={actorId || null}
          onChange={(v, option) => set({ actor: v, actor_name: v ? option.label : null })}
          searchable
          searchValue={actorSearch}
          onSearchChange={setActorSearch}
          filter={({ options }) => options}
          clearable
          nothingFoundMessage={tc('states.noMatches')}
        />
        <Select
          label={t('audit.project')}
          placeholder={t('audit.anyProject')}
          data={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={projectId || null}
          onChange={(v) => set({ project: v })}
          clearable
          searchable
          nothingFoundMessage={tc('states.noMatches')}
        />
        <DateField label={t('audit.from')} value={from} onChange={(v) => set({ from: v })} maxDate={to ? new Date(to) : undefined} />
        <DateField label={t('audit.to')} value={to} onChange={(v) => set({ to: v })} minDate={from ? new Date(from) : undefined} />
      </SimpleGrid>
      <Group gap="sm">
        {entityId && (
          <Badge variant="light" size="lg" radius="sm" tt="none">
            {t('audit.entityOnly', { id: shortId(entityId) })}
          </Badge>
        )}
        <ClearFilters shown={filtered} onClear={() => url.clear()} />
        {total !== undefined && (
          <Text size="sm" c="dimmed">
            {tc('states.total', { count: total })}
          </Text>
        )}
      </Group>
      <PagedList query={log} empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : t('audit.empty')}</Text>}>
        {(items) => (
            <ScrollTable
              label={t('audit.title')}
              minWidth={760}
              columns={[
                { label: '', width: 44 },
                t('audit.columns.time'),
                t('audit.columns.actor'),
                t('audit.columns.action'),
                t('audit.columns.entity'),
              ]}
            >
              {items.map((entry) => {
                const open = expanded.has(entry.id);
                const detailsId = `audit-${entry.id}`;
                return (
                  <Fragment key={entry.id}>
                    <Table.Tr data-testid="audit-row">
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          onClick={() => toggle(entry.id)}
                          aria-expanded={open}
                          aria-controls={open ? detailsId : undefined}
                          aria-label={`${open ? t('audit.hideDetails') : t('audit.details')}: ${t('audit.detailsOf', {
                            action: actionLabel(entry.action),
                            time: formatDateTime(entry.occurred_at),
                          })}`}
                        >
                          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.occurred_at)}</Table.Td>
                      <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                        {entry.actor_label || t('audit.system')}
                      </Table.Td>
                      <Table.Td>{actionLabel(entry.action)}</Table.Td>
                      <Table.Td maw={260}>
                        <Text size="sm">
                          {entityLabel(entry.entity_type)}{' '}
                          <Text span size="xs" c="dimmed" ff="monospace">
                            {shortId(entry.entity_id)}
                          </Text>
                        </Text>
                        {entry.project_id && (
                          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                            {projectName.get(entry.project_id) ?? shortId(entry.project_id)}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr>
                        <Table.Td colSpan={5} id={detailsId} bg="var(--mantine-color-gray-0)">
                          {/* Stays in view while a phone scrolls the wide table sideways. */}
                          <div style={{ position: 'sticky', left: 0, width: 'min(100%, calc(100vw - 3 * var(--mantine-spacing-md)))' }}>
                            <EntryDetails
                              entry={entry}
                              label={t('audit.detailsOf', { action: actionLabel(entry.action), time: formatDateTime(entry.occurred_at) })}
                              projectName={entry.project_id ? projectName.get(entry.project_id) : undefined}
                            />
                          </div>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </ScrollTable>
        )}
      </PagedList>
    </Stack>
  );
}

function EntryDetails({ entry, label, projectName }: { entry: AuditEntry; label: string; projectName?: string }) {
  const { t } = useTranslation('admin');
  const texts = usePermissionTexts();
  const view = describeChanges(entry.changes);
  const words = { yes: t('audit.yes'), no: t('audit.no') };
  const fieldLabel = (field: string) => (field ? t(`audit.fields.${field}`, { defaultValue: field.replace(/_/g, ' ') }) : '');
  const value = (field: string, v: unknown) => {
    if ((field === 'permissions' || field === 'scopes') && Array.isArray(v)) {
      return v.length === 0 ? '–' : v.map((p) => texts.label(String(p))).join(', ');
    }
    if (field === 'role' && typeof v === 'string') return texts.role(v);
    return formatAuditValue(v, words);
  };
  const cell = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

  return (
    <Stack gap="sm" py={4}>
      {view.kind === 'none' && (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      )}
      {view.kind === 'diff' && (
        <Table withTableBorder withColumnBorders bg="var(--mantine-color-body)" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.changes.field')}</Table.Th>
              <Table.Th>{t('audit.changes.before')}</Table.Th>
              <Table.Th>{t('audit.changes.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.rows.map((row) => (
              <Table.Tr key={row.field}>
                <Table.Td fw={500}>{fieldLabel(row.field)}</Table.Td>
                <Table.Td style={cell} bg="var(--mantine-color-red-0)">
                  {value(row.field, row.before)}
                </Table.Td>
                <Table.Td style={cell} bg="var(--mantine-color-green-0)">
                  {value(row.field, row.after)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {view.kind === 'values' && (
        <Table withTableBorder withColumnBorders bg="var(--mantine-color-body)" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.changes.field')}</Table.Th>
              <Table.Th>{t('audit.changes.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.rows.map((row) => (
              <Table.Tr key={row.field || 'value'}>
                <Table.Td fw={500}>{fieldLabel(row.field)}</Table.Td>
                <Table.Td style={cell}>{value(row.field, row.value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="lg" wrap="wrap">
        {entry.entity_id && <Meta label={t('audit.meta.entityId')} value={entry.entity_id} code />}
        {entry.project_id && <Meta label={t('audit.meta.project')} value={projectName ?? entry.project_id} />}
        {entry.ip && <Meta label={t('audit.meta.ip')} value={entry.ip} />}
        {entry.request_id && <Meta label={t('audit.meta.requestId')} value={entry.request_id} code />}
        {entry.seq !== null && entry.seq !== undefined && <Meta label={t('audit.meta.seq')} value={String(entry.seq)} />}
        {entry.user_agent && <Meta label={t('audit.meta.userAgent')} value={entry.user_agent} />}
      </Group>
    </Stack>
  );
}

function Meta({ label, value, code }: { label: string; value: string; code?: boolean }) {
  return (
    <div style={{ minWidth: 0, maxWidth: '100%' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {code ? (
        <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Code>
      ) : (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Text>
      )}
    </div>
  );
}
