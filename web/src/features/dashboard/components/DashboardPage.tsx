import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { api, unwrap } from '@/lib/api/client';
import { useSession } from '@/lib/auth/useSession';
import { formatDate } from '@/lib/format';
import { keys } from '@/lib/queries/keys';
import '../i18n';

function isoDate(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const session = useSession();
  const today = isoDate(0);
  const tasks = useQuery({
    queryKey: [...keys.dashboard, 'tasks'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tasks', {
          params: {
            query: { assigned_to: 'me', due_before: isoDate(14), status: 'TODO,IN_PROGRESS,REVIEW,BLOCKED', sort: 'due_date', limit: 20 },
          },
        }),
      ),
  });
  const projects = useQuery({
    queryKey: [...keys.dashboard, 'projects'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects', {
          params: { query: { status: 'PLANNING,CONFIRMED,IN_PRODUCTION,LIVE,WRAP_UP', sort: 'start_date', limit: 20 } },
        }),
      ),
  });
  return (
    <>
      <PageHeader title={t('title', { name: session?.user.first_name ?? '' })} subtitle={t('subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('myTasks')}
          </Title>
          <QueryState query={tasks} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('noTasks')}</Text>}>
            {(data) => (
              <Stack gap="xs">
                {data.items.map((task) => (
                  <Group key={task.id} justify="space-between" wrap="nowrap">
                    <Anchor component={Link} to={`/projects/${task.project_id}/tasks`} size="sm">
                      {task.title}
                    </Anchor>
                    {task.due_date && (
                      <Text size="xs" c={task.due_date < today ? 'red.8' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                        {task.due_date < today
                          ? t('overdue', { date: formatDate(task.due_date) })
                          : t('due', { date: formatDate(task.due_date) })}
                      </Text>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </QueryState>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('projects')}
          </Title>
          <QueryState query={projects} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('noProjects')}</Text>}>
            {(data) => (
              <Stack gap="xs">
                {data.items.map((project) => (
                  <Group key={project.id} justify="space-between" wrap="nowrap">
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500}>
                        {project.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatDate(project.start_date)} – {formatDate(project.end_date)}
                      </Text>
                    </Stack>
                    <ProjectStatusBadge status={project.status} />
                  </Group>
                ))}
              </Stack>
            )}
          </QueryState>
        </Card>
      </SimpleGrid>
    </>
  );
}
