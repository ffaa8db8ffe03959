import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { LiveBadge } from '@/components/ui/LiveBadge';
import { ClearFilters, CreateButton, FilterBar, FilterSwitch, MultiFilter, PagedList, SearchField } from '@/components/ui/ListParts';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDate, formatNumber } from '@/lib/format';
import { useProjectEvents, type LiveStatus } from '@/lib/live/useProjectEvents';
import { keys } from '@/lib/queries/keys';
import { useMembers, useWorkspaceProject } from '@/lib/queries/project';
import { listParam, useUrlParams, type UrlParams } from '@/lib/urlParams';
import { taskKeys, useAllTasks, useStageList, useTaskList, type Task } from '../api/tasks';
import { isOverdue, todayIso } from '../lib/dates';
import { PRIORITIES, TASK_STATUSES } from '../lib/status';
import { GanttView } from './GanttView';
import { memberName, PriorityBadge, StatusMenu, TaskTitle, useQuickStatus } from './TaskBits';
import { TaskEditor } from './TaskEditor';
import '../i18n';

const SORTS = ['due_date,-priority', '-priority,due_date', 'status', 'title', 'start_date', '-updated_at'] as const;

/** A project's tasks as a filterable list or as a timeline; both follow others' changes live. */
export function TasksTab() {
  const { t } = useTranslation('tasks');
  const project = useWorkspaceProject();
  const canWrite = project.my_access?.write ?? false;
  const url = useUrlParams();
  const view = url.get('view') === 'timeline' ? 'timeline' : 'list';
  const [editing, setEditing] = useState<{ task?: Task } | null>(null);
  const allTasks = useAllTasks(project.id);
  const live = useLiveTasks(project.id);

  const open = (task: Task) => setEditing({ task });
  const openById = (id: string) => {
    const task = allTasks.data?.find((candidate) => candidate.id === id);
    if (task) open(task);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Title order={2} size="h4">
            {t('title')}
          </Title>
          <LiveBadge status={live} />
        </Group>
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('views.label')}
            value={view}
            onChange={(value) => url.set('view', value === 'timeline' ? 'timeline' : null)}
            data={[
              { value: 'list', label: t('views.list') },
              { value: 'timeline', label: t('views.timeline') },
            ]}
          />
          {canWrite && <CreateButton onClick={() => setEditing({})}>{t('form.new')}</CreateButton>}
        </Group>
      </Group>
      {view === 'list' ? (
        <TaskListView projectId={project.id} canWrite={canWrite} url={url} onOpen={open} />
      ) : (
        <>
          {allTasks.isError && <ErrorAlert error={allTasks.error} />}
          <GanttView projectId={project.id} onOpen={openById} />
        </>
      )}
      <TaskEditor
        key={editing?.task?.id ?? 'new'}
        projectId={project.id}
        task={editing?.task}
        canWrite={canWrite}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

/** Refetches the project's tasks and schedule when anyone changes a task (debounced). */
function useLiveTasks(projectId: string): LiveStatus {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void client.invalidateQueries({ queryKey: taskKeys.all(projectId) });
      void client.invalidateQueries({ queryKey: taskKeys.schedule(projectId) });
      void client.invalidateQueries({ queryKey: keys.stages(projectId) });
    }, 250);
  };
  return useProjectEvents(projectId, {
    onEvent: (event) => {
      if (event.type.startsWith('task.') || event.type.startsWith('workflow_stage.') || event.type === 'card.moved') refresh();
    },
    onReset: refresh,
  });
}

interface ListProps {
  projectId: string;
  canWrite: boolean;
  url: UrlParams;
  onOpen: (task: Task) => void;
}

function TaskListView({ projectId, canWrite, url, onOpen }: ListProps) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const members = useMembers(projectId);
  const stages = useStageList(projectId);
  const quick = useQuickStatus();
  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = url.get('status');
  const priorityParam = url.get('priority');
  const assignee = url.get('assignee');
  const stage = url.get('stage');
  const overdue = url.get('overdue') === '1';
  const sort = url.get('sort', SORTS[0]);
  const status = useMemo(() => listParam(statusParam), [statusParam]);
  const priority = useMemo(() => listParam(priorityParam), [priorityParam]);
  const filters = useMemo(
    () => ({ q: debouncedQ, status, priority, assigned_to: assignee, workflow_stage_id: stage, overdue, sort }),
    [debouncedQ, status, priority, assignee, stage, overdue, sort],
  );
  const list = useTaskList(projectId, filters);
  const phone = useMediaQuery('(max-width: 36em)');
  const [showFilters, setShowFilters] = useState(false);
  const active = [status.length > 0, priority.length > 0, assignee !== '', stage !== '', overdue].filter(Boolean).length;
  const filtered = q !== '' || status.length > 0 || priority.length > 0 || assignee !== '' || stage !== '' || overdue;
  const memberNames = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.user_id, memberName(m)])),
    [members.data],
  );
  const stageNames = useMemo(() => new Map((stages.data?.items ?? []).map((s) => [s.id, s.name])), [stages.data]);
  const today = todayIso();
  const total = list.data?.pages[0]?.total;

  return (
    <Stack gap="sm">
      <FilterBar>
        <SearchField label={t('filters.search')} value={q} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 220 }} />
        {phone && (
          <Button
            variant="default"
            leftSection={<IconFilter size={16} />}
            onClick={() => setShowFilters((v) => !v)}
            aria-expanded={showFilters}
            rightSection={active > 0 ? <Badge size="sm" circle>{active}</Badge> : undefined}
          >
            {t('filters.toggle')}
          </Button>
        )}
        {(!phone || showFilters) && (
          <>
            <MultiFilter url={url} param="status" label={t('filters.status')} data={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} w={{ base: '100%', sm: 220 }} />
            <MultiFilter url={url} param="priority" label={t('filters.priority')} data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} w={{ base: '100%', sm: 200 }} />
            <Select
              label={t('filters.assignee')}
              placeholder={t('filters.anyone')}
              data={[
                { value: 'me', label: t('filters.me') },
                { value: 'none', label: t('filters.none') },
                ...(members.data?.items ?? []).map((m) => ({ value: m.user_id, label: memberName(m) })),
              ]}
              value={assignee || null}
              onChange={(v) => url.set('assignee', v)}
              searchable
              clearable
              w={{ base: '100%', sm: 200 }}
            />
            {(stages.data?.items.length ?? 0) > 0 && (
              <Select
                label={t('filters.stage')}
                data={(stages.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={stage || null}
                onChange={(v) => url.set('stage', v)}
                clearable
                w={{ base: '100%', sm: 180 }}
              />
            )}
            <Select
              label={t('filters.sort')}
              data={SORTS.map((s) => ({ value: s, label: t(`filters.sorts.${s}`) }))}
              value={sort}
              onChange={(v) => url.set('sort', v === SORTS[0] ? null : v)}
              allowDeselect={false}
              w={{ base: '100%', sm: 200 }}
            />
            <FilterSwitch label={t('filters.overdue')} checked={overdue} onChange={(on) => url.set('overdue', on ? '1' : null)} />
          </>
        )}
        <ClearFilters shown={filtered} onClear={() => url.clear(['view', 'sort'])} />
      </FilterBar>
      {total !== undefined && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('list.count', { count: total })}
        </Text>
      )}
      <PagedList
        query={list}
        empty={
          filtered ? (
            <Text c="dimmed">{tc('states.noMatches')}</Text>
          ) : (
            <>
              <Text c="dimmed">{t('list.empty')}</Text>
              {canWrite && (
                <Text size="sm" c="dimmed">
                  {t('list.emptyHint')}
                </Text>
              )}
            </>
          )
        }
      >
        {(items) => (
          <Stack gap="sm">
            <ScrollTable
              label={t('title')}
              minWidth={760}
              striped
              highlightOnHover
              columns={[
                t('list.columns.title'),
                t('list.columns.status'),
                t('list.columns.priority'),
                t('list.columns.assignee'),
                t('list.columns.due'),
                { label: t('list.columns.hours'), align: 'right' },
              ]}
            >
              {items.map((task) => {
                const late = isOverdue(task, today);
                return (
                  <Table.Tr key={task.id} data-testid="task-row">
                    <Table.Td style={{ maxWidth: 420 }}>
                      <TaskTitle task={task} onOpen={() => onOpen(task)} />
                      {task.workflow_stage_id && stageNames.get(task.workflow_stage_id) && (
                        <Text size="xs" c="dimmed">
                          {stageNames.get(task.workflow_stage_id)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusMenu
                        task={task}
                        canWrite={canWrite}
                        loading={quick.pending === task.id}
                        onChange={(next) => quick.change(task, next)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={task.priority} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {task.assignee_id ? memberNames.get(task.assignee_id) ?? t('form.formerMember') : '–'}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={late ? 'red.9' : undefined} fw={late ? 600 : undefined}>
                        {formatDate(task.due_date)}
                      </Text>
                      {late && (
                        <Text size="xs" c="red.9">
                          {t('list.overdue')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {task.estimated_hours || task.actual_hours
                        ? t('list.hours', {
                            actual: formatNumber(task.actual_hours ?? '0', 2),
                            estimated: formatNumber(task.estimated_hours, 2),
                          })
                        : '–'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </ScrollTable>
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}
