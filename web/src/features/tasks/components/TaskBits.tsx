import { Alert, Anchor, Badge, Button, ColorSwatch, List, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/errors';
import type { Member } from '@/lib/queries/types';
import { useUpdateTask, type Task } from '../api/tasks';
import { blockersOf, withTitles, type NamedTask } from '../lib/conflict';
import { nextStatuses, PRIORITY_COLORS, STATUS_COLORS } from '../lib/status';
import '../i18n';

export function memberName(member: Pick<Member, 'first_name' | 'last_name' | 'email'>): string {
  return `${member.first_name} ${member.last_name}`.trim() || member.email;
}

/** A task's title as a link-looking button that opens it. */
export function TaskTitle({ task, onOpen }: { task: Pick<Task, 'title'>; onOpen: () => void }) {
  return (
    <Anchor component="button" type="button" fw={500} ta="left" onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
      {task.title}
    </Anchor>
  );
}

export function TaskStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('tasks');
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="dot" radius="sm" style={{ flexShrink: 0 }}>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation('tasks');
  return (
    <Badge color={PRIORITY_COLORS[priority] ?? 'gray'} variant={priority === 'CRITICAL' ? 'filled' : 'light'} radius="sm" size="sm" style={{ flexShrink: 0 }}>
      {t(`priority.${priority}`, { defaultValue: priority })}
    </Badge>
  );
}

/** A list of tasks named in a conflict, by their current titles. */
export function NamedTaskList({ tasks, known, ordered }: { tasks: NamedTask[]; known?: Map<string, string>; ordered?: boolean }) {
  const { t } = useTranslation('tasks');
  const named = withTitles(tasks, known ?? new Map());
  if (ordered) {
    return (
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="cycle">
        {named.map((task) => t('deps.quoted', { title: task.title })).join(' → ')}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {named.map((task) => (
        <List.Item key={task.id} style={{ overflowWrap: 'anywhere' }}>
          {task.title}
          {task.status ? ` (${t(`status.${task.status}`, { defaultValue: task.status })})` : ''}
        </List.Item>
      ))}
    </List>
  );
}

/** The explanation of a refused DONE: which predecessors are still open. */
export function BlockersAlert({ blockers, known }: { blockers: NamedTask[]; known?: Map<string, string> }) {
  const { t } = useTranslation('tasks');
  return (
    <Alert color="orange" icon={<IconLock size={18} aria-hidden />} title={t('blockers.title')} role="alert">
      <Text size="sm" mb={4}>
        {t('blockers.text')}
      </Text>
      <NamedTaskList tasks={blockers} known={known} />
    </Alert>
  );
}

/**
 * Changes a task's status from a list, saying in words why the server refused (open
 * predecessors, someone else's change).
 */
export function useQuickStatus() {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const update = useUpdateTask();
  const change = (task: Task, status: string) =>
    update.mutate(
      { task, input: { status } },
      {
        onSuccess: (saved) =>
          notifications.show({
            message: t('list.statusChanged', { title: saved.title, status: t(`status.${saved.status}`) }),
            color: 'green',
          }),
        onError: (error) => {
          const blockers = blockersOf(error);
          notifications.show({
            color: blockers ? 'orange' : 'red',
            title: blockers ? `${t('blockers.title')}: ${task.title}` : undefined,
            autoClose: blockers ? 10_000 : undefined,
            message: blockers ? (
              <>
                <Text size="sm">{t('blockers.text')}</Text>
                <NamedTaskList tasks={blockers} />
              </>
            ) : (
              errorMessage(error, tc)
            ),
          });
        },
      },
    );
  return { change, pending: update.isPending ? (update.variables?.task.id ?? null) : null };
}

/** The status as a menu of the moves the task may make (a plain badge without write access). */
export function StatusMenu({
  task,
  canWrite,
  onChange,
  loading,
}: {
  task: Task;
  canWrite: boolean;
  onChange: (status: string) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation('tasks');
  const next = nextStatuses(task.status);
  if (!canWrite || next.length === 0) return <TaskStatusBadge status={task.status} />;
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<ColorSwatch color={`var(--mantine-color-${STATUS_COLORS[task.status] ?? 'gray'}-6)`} size={8} withShadow={false} aria-hidden />}
          rightSection={<IconChevronDown size={12} aria-hidden />}
          loading={loading}
          aria-label={`${t('list.changeStatus', { title: task.title })}: ${t(`status.${task.status}`)}`}
          style={{ flexShrink: 0 }}
        >
          {t(`status.${task.status}`, { defaultValue: task.status })}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {next.map((status) => (
          <Menu.Item key={status} onClick={() => onChange(status)}>
            {t(`status.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
