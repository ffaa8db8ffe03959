import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { QueryState } from '@/components/ui/QueryState';
import { formatDate, formatNumber } from '@/lib/format';
import { useProjectEvents, type LiveStatus } from '@/lib/live/useProjectEvents';
import { keys } from '@/lib/queries/keys';
import { useMembers, useWorkspaceProject } from '@/lib/queries/project';
import { taskKeys, useAllTasks, useStageList, useTaskList, type Task } from '../api/tasks';
import { isOverdue, todayIso } from '../lib/dates';
import { PRIORITIES, TASK_STATUSES } from '../lib/status';
import { GanttView } from './GanttView';
import { memberName, PriorityBadge, StatusMenu, useQuickStatus } from './TaskBits';
import { TaskEditor } from './TaskEditor';
import '../i18n';

const SORTS = ['due_date,-priority', '-priority,due_date', 'status', 'title', 'start_date', '-updated_at'] as const;

/** A project's tasks as a filterable list or as a timeline; both follow others' changes live. */
export function TasksTab() {
  const { t } = useTranslation('tasks');
  const project = useWorkspaceProject();
  const canWrite = project.my_access?.write ?? false;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'timeline' ? 'timeline' : 'list';
  const [editing, setEditing] = useState<{ task?: Task } | null>(null);
  const allTasks = useAllTasks(project.id);
  const live = useLiveTasks(project.id);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams();
    for (const key of ['view', 'sort']) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    setParams(next, { replace: true });
  };
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
            onChange={(value) => set('view', value === 'timeline' ? 'timeline' : null)}
            data={[
              { value: 'list', label: t('views.list') },
              { value: 'timeline', label: t('views.timeline') },
            ]}
          />
          {canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
              {t('form.new')}
            </Button>
          )}
        </Group>
      </Group>
      {view === 'list' ? (
        <TaskListView projectId={project.id} canWrite={canWrite} params={params} set={set} clear={clear} onOpen={open} />
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

export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('tasks');
  const color = status === 'live' ? 'green' : status === 'connecting' ? 'gray' : 'orange';
  const badge = (
    <Badge color={color} variant="dot" size="sm" role="status" data-testid="live-status" data-status={status}>
      {status === 'live' ? t('live.live') : status === 'connecting' ? t('live.connecting') : t('live.offline')}
    </Badge>
  );
  return status === 'offline' ? <Tooltip label={t('live.offline')}>{badge}</Tooltip> : badge;
}

interface ListProps {
  projectId: string;
  canWrite: boolean;
  params: URLSearchParams;
  set: (key: string, value: string | null) => void;
  clear: () => void;
  onOpen: (task: Task) => void;
}

function TaskListView({ projectId, canWrite, params, set, clear, onOpen }: ListProps) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const members = useMembers(projectId);
  const stages = useStageList(projectId);
  const quick = useQuickStatus();
  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = params.get('status') ?? '';
  const priorityParam = params.get('priority') ?? '';
  const assignee = params.get('assignee') ?? '';
  const stage = params.get('stage') ?? '';
  const overdue = params.get('overdue') === '1';
  const sort = params.get('sort') ?? SORTS[0];
  const status = useMemo(() => statusParam.split(',').filter(Boolean), [statusParam]);
  const priority = useMemo(() => priorityParam.split(',').filter(Boolean), [priorityParam]);
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
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('filters.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 220 }}
          type="search"
        />
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
            <MultiSelect
              label={t('filters.status')}
              data={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={status}
              onChange={(v) => set('status', v.join(','))}
              clearable
              w={{ base: '100%', sm: 220 }}
            />
            <MultiSelect
              label={t('filters.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              value={priority}
              onChange={(v) => set('priority', v.join(','))}
              clearable
              w={{ base: '100%', sm: 200 }}
            />
            <Select
              label={t('filters.assignee')}
              placeholder={t('filters.anyone')}
              data={[
                { value: 'me', label: t('filters.me') },
                { value: 'none', label: t('filters.none') },
                ...(members.data?.items ?? []).map((m) => ({ value: m.user_id, label: memberName(m) })),
              ]}
              value={assignee || null}
              onChange={(v) => set('assignee', v)}
              searchable
              clearable
              w={{ base: '100%', sm: 200 }}
            />
            {(stages.data?.items.length ?? 0) > 0 && (
              <Select
                label={t('filters.stage')}
                data={(stages.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={stage || null}
                onChange={(v) => set('stage', v)}
                clearable
                w={{ base: '100%', sm: 180 }}
              />
            )}
            <Select
              label={t('filters.sort')}
              data={SORTS.map((s) => ({ value: s, label: t(`filters.sorts.${s}`) }))}
              value={sort}
              onChange={(v) => set('sort', v === SORTS[0] ? null : v)}
              allowDeselect={false}
              w={{ base: '100%', sm: 200 }}
            />
            <Switch label={t('filters.overdue')} checked={overdue} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
          </>
        )}
        {filtered && (
          <Button variant="subtle" mb={2} onClick={clear}>
            {tc('actions.clearFilters')}
          </Button>
        )}
      </Group>
      {total !== undefined && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('list.count', { count: total })}
        </Text>
      )}
      <QueryState
        query={list}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
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
        {() => (
          <Stack gap="sm">
            <div className="table-scroll">
              <Table miw={760} striped highlightOnHover aria-label={t('title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('list.columns.title')}</Table.Th>
                    <Table.Th>{t('list.columns.status')}</Table.Th>
                    <Table.Th>{t('list.columns.priority')}</Table.Th>
                    <Table.Th>{t('list.columns.assignee')}</Table.Th>
                    <Table.Th>{t('list.columns.due')}</Table.Th>
                    <Table.Th ta="right">{t('list.columns.hours')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((task) => {
                    const late = isOverdue(task, today);
                    return (
                      <Table.Tr key={task.id} data-testid="task-row">
                        <Table.Td style={{ maxWidth: 420 }}>
                          <Anchor
                            component="button"
                            type="button"
                            fw={500}
                            ta="left"
                            onClick={() => onOpen(task)}
                            style={{ overflowWrap: 'anywhere' }}
                          >
                            {task.title}
                          </Anchor>
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
                </Table.Tbody>
              </Table>
            </div>
            {list.hasNextPage && (
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {tc('actions.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
