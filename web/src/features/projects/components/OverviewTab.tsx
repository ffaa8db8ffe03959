import { Badge, Card, Group, List, Progress, SimpleGrid, Stack, Stepper, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/QueryState';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '@/lib/format';
import { useProjectSummary, useWorkspaceProject } from '@/lib/queries/project';
import type { Project, ProjectSummary } from '@/lib/queries/types';
import { useStages } from '../api/projects';
import '../i18n';

// The chart library is big: it loads with the first chart, not with the projects list.
const CostChart = lazy(() => import('./CostChart').then((m) => ({ default: m.CostChart })));

/** The project at a glance: costs against budget, risks, next transports, progress, stage. */
export function OverviewTab() {
  const project = useWorkspaceProject();
  const summary = useProjectSummary(project.id);
  return <QueryState query={summary}>{(data) => <Overview project={project} summary={data} />}</QueryState>;
}

function Overview({ project, summary }: { project: Project; summary: ProjectSummary }) {
  const { t } = useTranslation('projects');
  const costs = summary.costs;
  const tasks = summary.tasks;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {costs && (
        <Card withBorder padding="md" data-testid="overview-costs">
          <Title order={2} size="h4" mb="xs">
            {t('overview.costChart')}
          </Title>
          <Suspense fallback={<div style={{ height: 160 }} />}>
            <CostChart costs={costs} currency={summary.currency} />
          </Suspense>
          <Group justify="space-between" mt="xs" wrap="wrap">
            <Text size="sm">
              {t('overview.total')}: <b>{formatMoney(costs.total, summary.currency)}</b>
            </Text>
            <Text size="sm" c={costs.over_budget ? 'red.8' : undefined}>
              {costs.over_budget ? t('overview.overBudget') : t('overview.remaining')}:{' '}
              <b>{formatMoney(costs.remaining, summary.currency)}</b>
            </Text>
          </Group>
          {costs.percent_of_budget && (
            <Progress
              mt="xs"
              value={Math.min(100, Number(costs.percent_of_budget))}
              color={costs.over_budget ? 'red' : 'blue'}
              aria-label={t('overview.ofBudget', { percent: formatNumber(costs.percent_of_budget, 1) })}
            />
          )}
        </Card>
      )}
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('overview.dates')}
        </Title>
        <Stack gap={4}>
          {project.build_up_date && (
            <Text size="sm">
              {t('overview.buildUp')}: {formatDate(project.build_up_date)}
            </Text>
          )}
          <Text size="sm">
            {t('overview.show')}: {formatDate(project.start_date)} – {formatDate(project.end_date)}
          </Text>
          {project.dismantle_date && (
            <Text size="sm">
              {t('overview.dismantle')}: {formatDate(project.dismantle_date)}
            </Text>
          )}
          {(project.venue || project.location) && (
            <Text size="sm">
              {t('overview.venue')}: {[project.venue, project.location].filter(Boolean).join(', ')}
            </Text>
          )}
          <Text size="sm" c="dimmed" mt="xs">
            {t('overview.counts', {
              bom: summary.counts.bom_items,
              permits: summary.counts.permits,
              transports: summary.counts.transports,
            })}
          </Text>
        </Stack>
      </Card>
      <Card withBorder padding="md" data-testid="overview-tasks">
        <Title order={2} size="h4" mb="xs">
          {t('overview.tasks')}
        </Title>
        <Text size="sm">{t('overview.tasksDone', { done: tasks.done, count: tasks.count })}</Text>
        <Progress
          my="xs"
          value={tasks.percent_done ? Number(tasks.percent_done) : 0}
          aria-label={t('overview.tasksDone', { done: tasks.done, count: tasks.count })}
        />
        <Group gap="xs">
          {tasks.overdue > 0 && (
            <Badge color="red" variant="light">
              {t('overview.overdue', { count: tasks.overdue })}
            </Badge>
          )}
          <Badge color="gray" variant="light">
            {t('overview.remainingHours', { hours: formatNumber(tasks.remaining_hours, 1) })}
          </Badge>
        </Group>
      </Card>
      <ListCard title={t('overview.permitsAtRisk')} none={t('overview.noPermitsAtRisk')} items={summary.permits.at_risk} testId="overview-permits">
        {(permit) => (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
              {t(`overview.risk.${permit.risk_code}`, { defaultValue: permit.risk })}
            </Badge>
            <Text size="sm">
              {permit.name}
              {permit.expiry_date && (
                <Text span c="dimmed" size="xs">
                  {' '}
                  · {t('overview.expires', { date: formatDate(permit.expiry_date) })}
                </Text>
              )}
            </Text>
          </Group>
        )}
      </ListCard>
      <ListCard title={t('overview.nextTransports')} none={t('overview.noTransports')} items={summary.logistics.next}>
        {(transport) => (
          <>
            <Text size="sm" fw={500}>
              {formatDateTime(transport.scheduled_at)}
            </Text>
            <Text size="sm">
              {transport.description}
              {transport.from_location || transport.to_location ? ` · ${transport.from_location ?? ''} → ${transport.to_location ?? ''}` : ''}
            </Text>
          </>
        )}
      </ListCard>
      <StagesCard projectId={project.id} />
    </SimpleGrid>
  );
}

/** A card with a short list (risky permits, next transports), or a sentence when it is empty. */
function ListCard<T extends { id: string }>(props: { title: string; none: string; items: T[]; testId?: string; children: (item: T) => ReactNode }) {
  const { title, none, items, testId, children } = props;
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      ) : (
        <List spacing={6} size="sm" listStyleType="none">
          {items.map((item) => (
            <List.Item key={item.id}>{children(item)}</List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function StagesCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation('projects');
  const stages = useStages(projectId);
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('overview.stages')}
      </Title>
      <QueryState query={stages} isEmpty={(d) => d.items.length === 0} empty={<Text size="sm">{t('overview.noStages')}</Text>}>
        {(data) => {
          const items = [...data.items].sort((a, b) => a.position - b.position);
          const active = items.findIndex((s) => s.status === 'ACTIVE');
          const done = items.filter((s) => s.status === 'DONE').length;
          return (
            <Stepper
              active={active >= 0 ? active : done}
              orientation="vertical"
              size="sm"
              allowNextStepsSelect={false}
              data-testid="stage-stepper"
            >
              {items.map((stage) => (
                <Stepper.Step
                  key={stage.id}
                  label={stage.name}
                  description={stage.started_at ? formatDate(stage.started_at) : undefined}
                />
              ))}
            </Stepper>
          );
        }}
      </QueryState>
    </Card>
  );
}
