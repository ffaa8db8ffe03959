import { Anchor, Badge, Card, Flex, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { PagedList } from '@/components/ui/ListParts';
import { formatDate } from '@/lib/format';
import { useMyTasks, useProjectNames, useWritableProjects, type Task } from '../api/tasks';
import { groupByDue, todayIso, type DueGroup } from '../lib/dates';
import { PriorityBadge, StatusMenu, TaskTitle, useQuickStatus } from './TaskBits';
import { TaskEditor } from './TaskEditor';
import '../i18n';

const GROUP_COLORS: Record<DueGroup, string | undefined> = {
  overdue: 'red.9',
  thisWeek: undefined,
  later: undefined,
  noDate: undefined,
  done: 'dimmed',
};

/** Everything assigned to the caller across projects, by when it is due. */
export function MyTasksPage() {
  const { t } = useTranslation('tasks');
  const [showDone, setShowDone] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const list = useMyTasks(showDone);
  const names = useProjectNames();
  const quick = useQuickStatus();
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const projectIds = useMemo(() => [...new Set(items.map((task) => task.project_id))], [items]);
  const writable = useWritableProjects(projectIds);
  const today = todayIso();
  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={t('my.title')}
        subtitle={total !== undefined ? `${t('my.subtitle')} · ${t('my.count', { count: total })}` : t('my.subtitle')}
        actions={<Switch label={t('my.showDone')} checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />}
      />
      <PagedList query={list} empty={<Text c="dimmed">{t('my.empty')}</Text>}>
        {() => (
          <Stack gap="lg">
            {groupByDue(items, today).map(({ group, tasks }) => (
              <section key={group} aria-labelledby={`my-tasks-${group}`} data-testid={`my-group-${group}`}>
                <Group gap="xs" mb="xs">
                  <Title order={2} size="h4" id={`my-tasks-${group}`} c={GROUP_COLORS[group]}>
                    {t(`my.groups.${group}`)}
                  </Title>
                  <Badge variant="light" color={group === 'overdue' ? 'red' : 'gray'} radius="sm">
                    {tasks.length}
                  </Badge>
                </Group>
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {tasks.map((task) => (
                    <Card key={task.id} component="li" withBorder padding="sm" data-testid="my-task">
                      <Flex
                        direction={{ base: 'column', sm: 'row' }}
                        justify="space-between"
                        align={{ base: 'stretch', sm: 'flex-start' }}
                        gap="xs"
                      >
                        <Stack gap={2} style={{ minWidth: 0 }}>
                          <TaskTitle task={task} onOpen={() => setEditing(task)} />
                          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                            <Anchor component={Link} to={`/projects/${task.project_id}/tasks`} size="xs" c="dimmed" underline="always">
                              {names.data?.get(task.project_id) ?? t('my.project')}
                            </Anchor>
                            {task.due_date && (
                              <Text span size="xs" c={group === 'overdue' ? 'red.9' : 'dimmed'} fw={group === 'overdue' ? 600 : undefined}>
                                {' · '}
                                {t('my.due', { date: formatDate(task.due_date) })}
                              </Text>
                            )}
                          </Text>
                        </Stack>
                        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                          <PriorityBadge priority={task.priority} />
                          <StatusMenu
                            task={task}
                            canWrite={writable.has(task.project_id)}
                            loading={quick.pending === task.id}
                            onChange={(next) => quick.change(task, next)}
                          />
                        </Group>
                      </Flex>
                    </Card>
                  ))}
                </Stack>
              </section>
            ))}
          </Stack>
        )}
      </PagedList>
      {editing && (
        <TaskEditor
          key={editing.id}
          projectId={editing.project_id}
          task={editing}
          canWrite={writable.has(editing.project_id)}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
