import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { useSession } from '@/lib/auth/useSession';
import { formatDate, formatDateTime } from '@/lib/format';
import { isoDate, useActiveProjects, useMyTasksDueSoon, useRecentProjects, useSummaries } from '../api/dashboard';
import '../i18n';

// The chart library loads with the chart, not with the first page.
const BudgetChart = lazy(() => import('./BudgetChart').then((m) => ({ default: m.BudgetChart })));

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** What needs attention now: my tasks, risks, transports, budgets, recent changes. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const session = useSession();
  const today = isoDate(0);
  const clientUser = session?.user.role === 'client';
  const tasks = useMyTasksDueSoon();
  const projects = useActiveProjects();
  const recent = useRecentProjects();
  const active = projects.data?.items ?? [];
  const summaries = useSummaries(active.map((p) => p.id));
  const loaded = active
    .map((project, index) => ({ project, summary: summaries[index]?.data }))
    .filter((entry): entry is { project: (typeof active)[number]; summary: NonNullable<typeof entry.summary> } => entry.summary !== undefined);

  const atRisk = loaded.flatMap(({ project, summary }) => summary.permits.at_risk.map((permit) => ({ project, permit })));
  const transports = loaded
    .flatMap(({ project, summary }) => summary.logistics.next.map((transport) => ({ project, transport })))
    .sort((a, b) => (a.transport.scheduled_at ?? '').localeCompare(b.transport.scheduled_at ?? ''))
    .slice(0, 8);
  const budgets = loaded
    .filter(({ summary }) => summary.costs)
    .map(({ project, summary }) => ({
      id: project.id,
      name: project.name,
      currency: summary.currency,
      budget: summary.costs?.budget ?? '0',
      total: summary.costs?.total ?? '0',
      over: summary.costs?.over_budget ?? false,
      percent: summary.costs?.percent_of_budget ?? null,
    }));

  return (
    <>
      <PageHeader title={t('title', { name: session?.user.first_name ?? '' })} subtitle={t('subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {!clientUser && (
          <Panel title={t('myTasks')} testId="dashboard-tasks">
            <QueryState query={tasks} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('noTasks')}</Text>}>
              {(data) => (
                <Stack gap="xs">
                  {data.items.map((task) => (
                    <Group key={task.id} justify="space-between" wrap="nowrap" gap="xs">
                      <Anchor component={Link} to={`/projects/${task.project_id}/tasks?focus=${task.id}`} size="sm" style={{ minWidth: 0 }}>
                        <Text span truncate size="sm">
                          {task.title}
                        </Text>
                      </Anchor>
                      {task.due_date && (
                        <Text size="xs" c={task.due_date < today ? 'red.9' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                          {task.due_date < today ? t('overdue', { date: formatDate(task.due_date) }) : t('due', { date: formatDate(task.due_date) })}
                        </Text>
                      )}
                    </Group>
                  ))}
                </Stack>
              )}
            </QueryState>
          </Panel>
        )}
        <Panel title={t('projects')} testId="dashboard-projects">
          <QueryState query={projects} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('noProjects')}</Text>}>
            {(data) => (
              <Stack gap="xs">
                {data.items.map((project) => {
                  const budget = budgets.find((b) => b.id === project.id);
                  return (
                    <Group key={project.id} justify="space-between" wrap="nowrap" gap="xs">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500}>
                          {project.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {formatDate(project.start_date)} – {formatDate(project.end_date)}
                          {budget?.percent ? ` · ${t('ofBudget', { percent: budget.percent })}` : ''}
                        </Text>
                      </Stack>
                      <Group gap={4} wrap="nowrap">
                        {budget?.over && (
                          <Badge color="red" variant="light">
                            {t('overBudget')}
                          </Badge>
                        )}
                        <ProjectStatusBadge status={project.status} />
                      </Group>
                    </Group>
                  );
                })}
              </Stack>
            )}
          </QueryState>
        </Panel>
        {budgets.length > 0 && (
          <Panel title={t('budget')} testId="dashboard-budget">
            <Suspense fallback={<div style={{ height: 160 }} />}>
              <BudgetChart rows={budgets} />
            </Suspense>
          </Panel>
        )}
        <Panel title={t('permits')} testId="dashboard-permits">
          {atRisk.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('noPermits')}
            </Text>
          ) : (
            <Stack gap="xs">
              {atRisk.map(({ project, permit }) => (
                <Group key={permit.id} gap="xs" wrap="nowrap" align="flex-start">
                  <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                    {t(`risk.${permit.risk_code}`, { defaultValue: permit.risk })}
                  </Badge>
                  <Text size="sm">
                    <Anchor component={Link} to={`/projects/${project.id}/permits?focus=${permit.id}`} size="sm">
                      {permit.name}
                    </Anchor>{' '}
                    <Text span c="dimmed" size="xs">
                      · {project.name}
                    </Text>
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Panel>
        <Panel title={t('transports')} testId="dashboard-transports">
          {transports.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('noTransports')}
            </Text>
          ) : (
            <Stack gap="xs">
              {transports.map(({ project, transport }) => (
                <Stack key={transport.id} gap={0}>
                  <Text size="sm" fw={500}>
                    {formatDateTime(transport.scheduled_at)}
                  </Text>
                  <Text size="sm">
                    <Anchor component={Link} to={`/projects/${project.id}/logistics?focus=${transport.id}`} size="sm">
                      {transport.description}
                    </Anchor>{' '}
                    <Text span c="dimmed" size="xs">
                      · {project.name}
                    </Text>
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </Panel>
        <Panel title={t('recent')} testId="dashboard-recent">
          <QueryState query={recent} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('noProjects')}</Text>}>
            {(data) => (
              <Stack gap="xs">
                {data.items.map((project) => (
                  <Group key={project.id} justify="space-between" wrap="nowrap" gap="xs">
                    <Anchor component={Link} to={`/projects/${project.id}`} size="sm">
                      {project.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('changed', { date: formatDateTime(project.updated_at) })}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </QueryState>
        </Panel>
      </SimpleGrid>
    </>
  );
}
