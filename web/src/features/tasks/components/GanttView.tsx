import { Box, Button, Group, Stack, Switch, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconTable } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/QueryState';
import { formatDate, formatNumber } from '@/lib/format';
import { useSchedule } from '../api/dependencies';
import { formatDayOfMonth, formatMonth, isoWeek, todayIso } from '../lib/dates';
import { layoutGantt, type GanttBar, type Schedule } from '../lib/gantt';
import '../i18n';

const AXIS = 44;
const ROW = 30;
const BAR = 14;

const COLORS = {
  critical: 'var(--mantine-color-red-7)',
  criticalArrow: 'var(--mantine-color-red-6)',
  normal: 'var(--mantine-color-blue-6)',
  slack: 'var(--mantine-color-blue-1)',
  slackBorder: 'var(--mantine-color-blue-4)',
  done: 'var(--mantine-color-gray-5)',
  arrow: 'var(--mantine-color-gray-6)',
  weekend: 'var(--mantine-color-gray-1)',
  grid: 'var(--mantine-color-gray-2)',
  text: 'var(--mantine-color-gray-8)',
  today: 'var(--mantine-color-grape-7)',
  finish: 'var(--mantine-color-dark-6)',
  due: 'var(--mantine-color-orange-7)',
};

/** The schedule as a Gantt chart: bars from earliest start to finish, slack, critical path. */
export function GanttView({ projectId, onOpen }: { projectId: string; onOpen: (taskId: string) => void }) {
  const schedule = useSchedule(projectId);
  return (
    <QueryState query={schedule}>{(data) => <Gantt schedule={data} onOpen={onOpen} />}</QueryState>
  );
}

function Gantt({ schedule, onOpen }: { schedule: Schedule; onOpen: (taskId: string) => void }) {
  const { t } = useTranslation('tasks');
  const phone = useMediaQuery('(max-width: 36em)');
  const [showDone, setShowDone] = useState(false);
  const [asTable, setAsTable] = useState(false);
  const dayWidth = phone ? 20 : 26;
  const layout = useMemo(
    () => layoutGantt(schedule, { dayWidth, rowHeight: ROW, today: todayIso(), showDone }),
    [schedule, dayWidth, showDone],
  );
  const late = schedule.tasks.filter((task) => task.cannot_make_it && task.status !== 'DONE').length;
  const label = (bar: GanttBar) => barLabel(bar, t);

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('gantt.intro', { hours: schedule.hours_per_day })}
      </Text>
      <Group gap="md" wrap="wrap" justify="space-between">
        <Legend />
        <Group gap="md" wrap="wrap">
          <Text size="sm" fw={600} data-testid="project-finish">
            {t('gantt.finish', { date: formatDate(schedule.project_finish) })}
          </Text>
          <Switch label={t('gantt.showDone')} checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />
        </Group>
      </Group>
      {late > 0 && (
        <Text size="sm" c="var(--mantine-color-orange-light-color)">
          <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: -2 }} /> {t('gantt.cannotMakeIt', { count: late })}
        </Text>
      )}
      {layout.bars.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {t('gantt.empty')}
        </Text>
      ) : (
        <Box style={{ display: 'flex', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
          <Box
            style={{ width: phone ? 118 : 240, flexShrink: 0, borderRight: '1px solid var(--mantine-color-gray-3)' }}
          >
            <div style={{ height: AXIS, borderBottom: '1px solid var(--mantine-color-gray-3)' }} />
            {layout.bars.map((bar) => (
              <UnstyledButton
                key={bar.task.id}
                onClick={() => onOpen(bar.task.id)}
                title={bar.task.title}
                aria-label={t('list.open', { title: bar.task.title })}
                style={{
                  display: 'block',
                  width: '100%',
                  height: ROW,
                  lineHeight: `${ROW}px`,
                  padding: '0 8px',
                  fontSize: phone ? 12 : 13,
                  whiteSpace: 'nowrap',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  borderLeft: `3px solid ${bar.critical ? COLORS.critical : 'transparent'}`,
                  color: bar.done ? 'var(--mantine-color-gray-7)' : undefined,
                  fontWeight: bar.critical ? 600 : undefined,
                }}
              >
                {bar.task.title}
              </UnstyledButton>
            ))}
          </Box>
          <div
            className="table-scroll"
            style={{ flex: 1, minWidth: 0 }}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- keyboard users scroll the chart sideways
            tabIndex={0}
            role="region"
            aria-label={t('gantt.chart')}
            data-testid="gantt"
          >
            <svg width={layout.width} height={AXIS + layout.height} role="group" aria-label={t('gantt.chart')} style={{ display: 'block' }}>
              <defs>
                <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                  <path d="M0 0L6 3L0 6z" fill={COLORS.arrow} />
                </marker>
                <marker id="gantt-arrow-critical" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                  <path d="M0 0L6 3L0 6z" fill={COLORS.criticalArrow} />
                </marker>
              </defs>
              <g aria-hidden>
                {layout.days.map((day) =>
                  day.weekend ? (
                    <rect key={day.date} x={day.x} y={AXIS} width={dayWidth} height={layout.height} fill={COLORS.weekend} />
                  ) : null,
                )}
                {layout.bars.map((bar) => (
                  <line key={bar.task.id} x1={0} x2={layout.width} y1={AXIS + bar.y + ROW} y2={AXIS + bar.y + ROW} stroke={COLORS.grid} />
                ))}
                {layout.days.map((day) => (
                  <g key={day.date}>
                    {day.monthStart && (
                      <text x={day.x + 3} y={14} fontSize={11} fontWeight={600} fill={COLORS.text}>
                        {formatMonth(day.date)}
                      </text>
                    )}
                    {day.monday && (
                      <line x1={day.x} x2={day.x} y1={20} y2={AXIS + layout.height} stroke={COLORS.grid} />
                    )}
                    {day.monday && (
                      <text x={day.x + 3} y={AXIS - 6} fontSize={10} fill={COLORS.text}>
                        {dayWidth >= 24
                          ? `${formatDayOfMonth(day.date)} · ${t('gantt.week', { week: isoWeek(day.date) })}`
                          : formatDayOfMonth(day.date)}
                      </text>
                    )}
                  </g>
                ))}
                <line x1={0} x2={layout.width} y1={AXIS - 0.5} y2={AXIS - 0.5} stroke="var(--mantine-color-gray-3)" />
              </g>
              <g aria-hidden fill="none" strokeWidth={1.25}>
                {layout.arrows.map((arrow) => (
                  <path
                    key={`${arrow.from}-${arrow.to}`}
                    d={arrow.path}
                    transform={`translate(0 ${AXIS})`}
                    stroke={arrow.critical ? COLORS.criticalArrow : COLORS.arrow}
                    strokeOpacity={arrow.critical ? 0.9 : 0.45}
                    markerEnd={`url(#${arrow.critical ? 'gantt-arrow-critical' : 'gantt-arrow'})`}
                  />
                ))}
              </g>
              <g transform={`translate(0 ${AXIS})`}>
                {layout.bars.map((bar) => (
                  <Bar key={bar.task.id} bar={bar} label={label(bar)} />
                ))}
              </g>
              <g aria-hidden>
                {layout.todayX !== null && (
                  <>
                    <line x1={layout.todayX} x2={layout.todayX} y1={18} y2={AXIS + layout.height} stroke={COLORS.today} strokeWidth={2} />
                    <text x={layout.todayX + 3} y={28} fontSize={10} fontWeight={600} fill={COLORS.today}>
                      {t('gantt.today')}
                    </text>
                  </>
                )}
                <line
                  x1={layout.finishX}
                  x2={layout.finishX}
                  y1={18}
                  y2={AXIS + layout.height}
                  stroke={COLORS.finish}
                  strokeWidth={2}
                  strokeDasharray="5 3"
                  data-testid="finish-line"
                />
              </g>
            </svg>
          </div>
        </Box>
      )}
      <Group gap="xs">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconTable size={14} />}
          onClick={() => setAsTable((v) => !v)}
          aria-expanded={asTable}
        >
          {t('gantt.table')}
        </Button>
        {layout.hiddenDone > 0 && (
          <Text size="xs" c="dimmed">
            {t('gantt.hiddenDone', { count: layout.hiddenDone })}
          </Text>
        )}
      </Group>
      {asTable && <ScheduleTable bars={layout.bars} />}
    </Stack>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function slackText(hours: number, t: T): string {
  return hours > 0 ? t('gantt.slackHours', { hours: formatNumber(hours, 1) }) : t('gantt.noSlack');
}

export function barLabel(bar: GanttBar, t: T): string {
  const task = bar.task;
  const parts = [
    bar.milestone
      ? t('gantt.barMilestone', { title: task.title, start: formatDate(task.earliest_start) })
      : t('gantt.bar', {
          title: task.title,
          start: formatDate(task.earliest_start),
          finish: formatDate(task.earliest_finish),
          slack: slackText(task.slack_hours, t),
        }),
  ];
  if (bar.done) parts.push(t('status.DONE'));
  if (bar.critical) parts.push(t('gantt.barCritical'));
  if (task.cannot_make_it && !bar.done && task.due_date) parts.push(t('gantt.barLate', { due: formatDate(task.due_date) }));
  if (bar.predecessors.length > 0) parts.push(t('gantt.barAfter', { tasks: bar.predecessors.join(', ') }));
  return parts.join('; ');
}

function Bar({ bar, label }: { bar: GanttBar; label: string }) {
  const y = bar.y + (ROW - BAR) / 2;
  const fill = bar.done ? COLORS.done : bar.critical ? COLORS.critical : COLORS.normal;
  return (
    <g role="img" aria-label={label} data-testid="gantt-bar" data-critical={bar.critical ? 'true' : 'false'}>
      <title>{label}</title>
      {bar.slackX2 > bar.x2 && (
        <rect
          x={bar.x2}
          y={y + 3}
          width={bar.slackX2 - bar.x2}
          height={BAR - 6}
          fill={COLORS.slack}
          stroke={COLORS.slackBorder}
          strokeDasharray="3 2"
          rx={2}
        />
      )}
      {bar.milestone ? (
        <rect
          x={bar.x1 - 5}
          y={bar.y + ROW / 2 - 5}
          width={10}
          height={10}
          fill={fill}
          transform={`rotate(45 ${bar.x1} ${bar.y + ROW / 2})`}
        />
      ) : (
        <rect x={bar.x1} y={y} width={Math.max(3, bar.x2 - bar.x1)} height={BAR} fill={fill} rx={3} />
      )}
      {bar.dueX !== null && !bar.done && (
        <path d={`M${bar.dueX} ${bar.y + 4}V${bar.y + ROW - 4}`} stroke={COLORS.due} strokeWidth={2} />
      )}
      {bar.task.cannot_make_it && !bar.done && (
        <text x={bar.slackX2 + 4} y={bar.y + ROW / 2 + 4} fontSize={12} fill="var(--mantine-color-orange-light-color)" fontWeight={700}>
          !
        </text>
      )}
    </g>
  );
}

function Legend() {
  const { t } = useTranslation('tasks');
  const swatch = (color: string, options: { dashed?: boolean; border?: string; diamond?: boolean; line?: boolean } = {}) => (
    <svg width={22} height={12} aria-hidden style={{ flexShrink: 0 }}>
      {options.line ? (
        <line x1={11} x2={11} y1={0} y2={12} stroke={color} strokeWidth={2} strokeDasharray={options.dashed ? '3 2' : undefined} />
      ) : options.diamond ? (
        <rect x={6} y={1} width={7} height={7} fill={color} transform="rotate(45 9.5 4.5)" />
      ) : (
        <rect
          x={1}
          y={2}
          width={20}
          height={8}
          rx={2}
          fill={color}
          stroke={options.border}
          strokeDasharray={options.dashed ? '3 2' : undefined}
        />
      )}
    </svg>
  );
  const item = (icon: ReactNode, text: string) => (
    <Group gap={4} wrap="nowrap" component="li">
      {icon}
      <Text size="xs">{text}</Text>
    </Group>
  );
  return (
    <Group gap="sm" wrap="wrap" component="ul" aria-label={t('gantt.legend')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {item(swatch(COLORS.critical), t('gantt.critical'))}
      {item(swatch(COLORS.normal), t('gantt.normal'))}
      {item(swatch(COLORS.slack, { dashed: true, border: COLORS.slackBorder }), t('gantt.slack'))}
      {item(swatch(COLORS.normal, { diamond: true }), t('gantt.milestone'))}
      {item(swatch(COLORS.today, { line: true }), t('gantt.today'))}
      {item(swatch(COLORS.finish, { line: true, dashed: true }), t('gantt.projectEnd'))}
      {item(swatch(COLORS.due, { line: true }), t('list.columns.due'))}
    </Group>
  );
}

function ScheduleTable({ bars }: { bars: GanttBar[] }) {
  const { t } = useTranslation('tasks');
  return (
    <div className="table-scroll">
      <Table miw={720} striped aria-label={t('gantt.tableTitle')} data-testid="schedule-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('gantt.columns.task')}</Table.Th>
            <Table.Th>{t('gantt.columns.start')}</Table.Th>
            <Table.Th>{t('gantt.columns.finish')}</Table.Th>
            <Table.Th>{t('gantt.columns.latestFinish')}</Table.Th>
            <Table.Th ta="right">{t('gantt.columns.slack')}</Table.Th>
            <Table.Th>{t('gantt.columns.critical')}</Table.Th>
            <Table.Th>{t('gantt.columns.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bars.map(({ task, critical }) => (
            <Table.Tr key={task.id}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{task.title}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(task.earliest_start)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(task.earliest_finish)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(task.latest_finish)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {slackText(task.slack_hours, t)}
              </Table.Td>
              <Table.Td c={critical ? 'red.9' : undefined} fw={critical ? 600 : undefined}>
                {critical ? t('gantt.yes') : t('gantt.no')}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} c={task.cannot_make_it && task.status !== 'DONE' ? 'var(--mantine-color-orange-light-color)' : undefined}>
                {formatDate(task.due_date)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
