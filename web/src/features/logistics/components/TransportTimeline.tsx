import { Badge, Box, Group, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { browserTimeZone, today } from '@/lib/days';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Project } from '@/lib/queries/types';
import type { Transport } from '../api/transports';
import { type DayKind, formatDayHeading, formatTimeOfDay, placeTransports, timelineDays } from '../timeline';
import { TransportStatusBadge, TransportTypeBadge } from './parts';
import '../i18n';

/** Shading of a day by what happens on site; the top border carries the colour for the eye. */
const SHADE: Record<DayKind, { background: string; border: string }> = {
  buildUp: { background: 'var(--mantine-color-blue-0)', border: 'var(--mantine-color-blue-6)' },
  show: { background: 'var(--mantine-color-green-0)', border: 'var(--mantine-color-green-7)' },
  dismantle: { background: 'var(--mantine-color-orange-0)', border: 'var(--mantine-color-orange-6)' },
  outside: { background: 'var(--mantine-color-gray-0)', border: 'var(--mantine-color-gray-4)' },
};

const COLUMN_WIDTH = 172;

interface Props {
  project: Project;
  items: Transport[];
  onOpen: (transport: Transport) => void;
}

/**
 * The production day by day, from two days before build-up to two days after dismantling:
 * each transport on its local day with its time. Scrolls sideways on a phone; every transport
 * is a button (Tab reaches it, Enter opens it).
 */
export function TransportTimeline({ project, items, onOpen }: Props) {
  const { t, i18n } = useTranslation('logistics');
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  const zone = browserTimeZone();
  const days = useMemo(() => timelineDays(project), [project]);
  const placed = useMemo(() => placeTransports(items, days, zone), [items, days, zone]);
  const now = today(zone);
  const scroller = useRef<HTMLDivElement>(null);
  // During the production, the timeline opens on today (a crew lead's phone shows one day).
  const showsToday = days.some((d) => d.date === now);
  useEffect(() => {
    const box = scroller.current;
    const column = box?.querySelector<HTMLElement>(`[data-date="${now}"]`);
    if (box && column && showsToday) box.scrollLeft = Math.max(0, column.offsetLeft - COLUMN_WIDTH / 2);
  }, [now, showsToday]);

  const column = (key: string, heading: { top: string; main: string; kind: string }, kind: DayKind, list: Transport[], date?: string) => (
    <Box
      component="li"
      key={key}
      data-date={date}
      data-kind={kind}
      style={{
        width: COLUMN_WIDTH,
        flex: `0 0 ${COLUMN_WIDTH}px`,
        background: SHADE[kind].background,
        borderTop: `4px solid ${SHADE[kind].border}`,
        borderRight: '1px solid var(--mantine-color-gray-3)',
        outline: date === now ? '2px solid var(--mantine-color-blue-8)' : undefined,
        outlineOffset: -2,
      }}
      p={8}
    >
      <Stack gap={6}>
        <div>
          <Title order={3} size="sm" fw={700} lh={1.3}>
            <Text span size="xs" c="dimmed" fw={500} display="block">
              {heading.top}
            </Text>
            {heading.main}
          </Title>
          <Group gap={4} mt={2} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {kind === 'outside' ? '\u00a0' : heading.kind}
            </Text>
            {date === now && (
              <Badge size="xs" color="blue.8" variant="filled">
                {t('timeline.today')}
              </Badge>
            )}
          </Group>
        </div>
        {list.length === 0 ? (
          <Text size="xs" c="dimmed">
            <span aria-hidden>–</span>
            <VisuallyHidden>{t('timeline.nothing')}</VisuallyHidden>
          </Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {list.map((transport) => (
              <li key={transport.id}>
                <TransportCard
                  transport={transport}
                  time={
                    transport.scheduled_at
                      ? date
                        ? formatTimeOfDay(transport.scheduled_at, locale, zone)
                        : formatDateTime(transport.scheduled_at)
                      : ''
                  }
                  onOpen={() => onOpen(transport)}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Box>
  );

  return (
    <Stack gap="sm">
      <Legend />
      <Box
        ref={scroller}
        role="region"
        aria-label={t('timeline.label')}
        tabIndex={0}
        data-testid="transport-timeline"
        style={{
          // Positioned, so that visually hidden texts inside stay inside the scrolling box.
          position: 'relative',
          overflowX: 'auto',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-sm)',
          WebkitOverflowScrolling: 'touch',
        }}
      >
        <Box component="ol" m={0} p={0} style={{ display: 'flex', listStyle: 'none', minWidth: 'max-content' }}>
          {placed.before.length > 0 &&
            column('before', { top: '', main: t('timeline.before'), kind: t('timeline.kinds.outside') }, 'outside', placed.before)}
          {days.map((day) => {
            const heading = formatDayHeading(day.date, locale);
            return column(
              day.date,
              { top: heading.weekday, main: heading.day, kind: t(`timeline.kinds.${day.kind}`) },
              day.kind,
              placed.byDay.get(day.date) ?? [],
              day.date,
            );
          })}
          {placed.after.length > 0 &&
            column('after', { top: '', main: t('timeline.after'), kind: t('timeline.kinds.outside') }, 'outside', placed.after)}
        </Box>
      </Box>
      {placed.unscheduled.length > 0 && (
        <Stack gap={6} component="section" aria-labelledby="unscheduled-heading">
          <Title order={3} size="sm" id="unscheduled-heading">
            {t('timeline.unscheduled')}
          </Title>
          <Group gap={6} align="stretch">
            {placed.unscheduled.map((transport) => (
              <Box key={transport.id} w={COLUMN_WIDTH}>
                <TransportCard transport={transport} time="" onOpen={() => onOpen(transport)} />
              </Box>
            ))}
          </Group>
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        {formatDate(days[0]?.date)} – {formatDate(days[days.length - 1]?.date)}
      </Text>
    </Stack>
  );
}

function TransportCard({ transport, time, onOpen }: { transport: Transport; time: string; onOpen: () => void }) {
  const { t } = useTranslation('logistics');
  const warned = transport.warnings.length > 0;
  const cancelled = transport.status === 'CANCELLED';
  return (
    <UnstyledButton
      onClick={onOpen}
      data-testid="timeline-transport"
      w="100%"
      p={6}
      style={{
        display: 'block',
        background: 'var(--mantine-color-body)',
        border: `1px solid ${warned ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-gray-4)'}`,
        borderLeft: `4px solid ${warned ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-blue-6)'}`,
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Group gap={4} justify="space-between" wrap="wrap">
        {time && (
          <Text size="sm" fw={700}>
            {time}
          </Text>
        )}
        <TransportTypeBadge type={transport.logistics_type} size="xs" />
      </Group>
      <Text size="sm" lineClamp={3} mt={2} td={cancelled ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {transport.description}
      </Text>
      <Group gap={4} mt={4} wrap="nowrap">
        <TransportStatusBadge status={transport.status} size="xs" />
        {warned && (
          <Group gap={2} wrap="nowrap">
            <IconAlertTriangle size={14} color="var(--mantine-color-orange-light-color)" aria-hidden />
            <Text size="xs" c="var(--mantine-color-orange-light-color)">
              {t('warning')}
            </Text>
          </Group>
        )}
      </Group>
    </UnstyledButton>
  );
}

function Legend() {
  const { t } = useTranslation('logistics');
  const kinds: DayKind[] = ['buildUp', 'show', 'dismantle', 'outside'];
  return (
    <Group gap="md" wrap="wrap" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('timeline.legend')}>
      {kinds.map((kind) => (
        <Group key={kind} component="li" gap={6} wrap="nowrap">
          <Box
            aria-hidden
            w={18}
            h={14}
            style={{
              background: SHADE[kind].background,
              border: '1px solid var(--mantine-color-gray-4)',
              borderTop: `4px solid ${SHADE[kind].border}`,
            }}
          />
          <Text size="xs">{t(`timeline.kinds.${kind}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}
