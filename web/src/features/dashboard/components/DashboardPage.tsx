import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { useSession } from '@/lib/auth/useSession';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { useDashboard, type Dashboard } from '../api/dashboard';
import { changeTarget, changeVerb } from '../lib/recentChange';
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

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** What needs attention now: my tasks, risks, transports, budgets, recent changes. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const session = useSession();
  const dashboard = useDashboard();
  return (
    <>
      <PageHeader title={t('title', { name: session?.user.first_name ?? '' })} subtitle={t('subtitle')} />
      <QueryState query={dashboard}>{(data) => <DashboardPanels data={data} clientUser={session?.user.role === 'client'} />}</QueryState>
    </>
  );
}

function DashboardPanels({ data, clientUser }: { data: Dashboard; clientUser: boolean }) {
  const { t } = useTranslation('dashboard');
  const budgets = data.projects.flatMap((project) =>
    project.budget_status
      ? [
          {
            name: project.name,
            currency: project.currency,
            budget: project.budget_status.budget,
            total: project.budget_status.committed,
          },
        ]
      : [],
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {!clientUser && (
        <Panel title={t('myTasks')} testId="dashboard-tasks">
          {data.my_tasks.length === 0 ? (
            <Empty>{t('noTasks')}</Empty>
          ) : (
            <Stack gap="xs">
              {data.my_tasks.map((task) => (
                <Group key={task.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/projects/${task.project_id}/tasks?focus=${task.id}`} size="sm" style={{ minWidth: 0 }}>
                    <Text span truncate size="sm">
                      {task.title}
                    </Text>
                  </Anchor>
                  {task.due_date && (
                    <Text size="xs" c={task.due_date < data.today ? 'red.9' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                      {task.due_date < data.today ? t('overdue', { date: formatDate(task.due_date) }) : t('due', { date: formatDate(task.due_date) })}
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Panel>
      )}
      <Panel title={t('projects')} testId="dashboard-projects">
        {data.projects.length === 0 ? (
          <Empty>{t('noProjects')}</Empty>
        ) : (
          <Stack gap="xs">
            {data.projects.map((project) => (
              <Group key={project.id} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500}>
                    {project.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDate(project.start_date)} – {formatDate(project.end_date)}
                    {project.budget_status?.percent_of_budget ? ` · ${t('ofBudget', { percent: formatNumber(project.budget_status.percent_of_budget, 1) })}` : ''}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  {project.budget_status?.over_budget && (
                    <Badge color="red" variant="light">
                      {t('overBudget')}
                    </Badge>
                  )}
                  <ProjectStatusBadge status={project.status} />
                </Group>
              </Group>
            ))}
            {data.projects_total > data.projects.length && (
              <Anchor component={Link} to="/projects" size="sm">
                {t('allProjects', { count: data.projects_total })}
              </Anchor>
            )}
          </Stack>
        )}
      </Panel>
      {budgets.length > 0 && (
        <Panel title={t('budget')} testId="dashboard-budget">
          <Suspense fallback={<div style={{ height: 160 }} />}>
            <BudgetChart rows={budgets} />
          </Suspense>
        </Panel>
      )}
      <Panel title={t('permits')} testId="dashboard-permits">
        {data.permits_at_risk.length === 0 ? (
          <Empty>{t('noPermits')}</Empty>
        ) : (
          <Stack gap="xs">
            {data.permits_at_risk.map((permit) => (
              <Group key={permit.id} gap="xs" wrap="nowrap" align="flex-start">
                <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                  {t(`risk.${permit.risk_code}`, { defaultValue: permit.risk })}
                </Badge>
                <Text size="sm">
                  <Anchor component={Link} to={`/projects/${permit.project_id}/permits?focus=${permit.id}`} size="sm">
                    {permit.name}
                  </Anchor>{' '}
                  <Text span c="dimmed" size="xs">
                    · {permit.project_name}
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Panel>
      <Panel title={t('transports')} testId="dashboard-transports">
        {data.next_transports.length === 0 ? (
          <Empty>{t('noTransports')}</Empty>
        ) : (
          <Stack gap="xs">
            {data.next_transports.map((transport) => (
              <Stack key={transport.id} gap={0}>
                <Text size="sm" fw={500}>
                  {formatDateTime(transport.scheduled_at)}
                </Text>
                <Text size="sm">
                  <Anchor component={Link} to={`/projects/${transport.project_id}/logistics?focus=${transport.id}`} size="sm">
                    {transport.description}
                  </Anchor>{' '}
                  <Text span c="dimmed" size="xs">
                    · {transport.project_name}
                  </Text>
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
      </Panel>
      <Panel title={t('recent')} testId="dashboard-recent">
        {data.recent_changes.length === 0 ? (
          <Empty>{t('noChanges')}</Empty>
        ) : (
          <Stack gap="xs">
            {data.recent_changes.map((change, index) => (
              <Stack key={`${change.at}-${index}`} gap={0}>
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t(`kind.${change.entity_type}`, { defaultValue: change.entity_type })}{' '}
                  </Text>
                  <Anchor component={Link} to={changeTarget(change)} size="sm">
                    {change.entity_name ?? t('unnamed')}
                  </Anchor>{' '}
                  {t(`verb.${changeVerb(change.action)}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {[change.project_name, change.actor, formatDateTime(change.at)].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
      </Panel>
    </SimpleGrid>
  );
}
