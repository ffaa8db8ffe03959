import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Avatar, Badge, Card as Paper, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { CSSProperties, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { DragHandle } from '@/components/ui/DragHandle';
import { formatDate } from '@/lib/format';
import type { Card } from '../lib/reorder';
import classes from './board.module.css';
import '../i18n';

const STATUS_COLORS: Record<string, string> = {
  TODO: 'gray',
  IN_PROGRESS: 'blue',
  REVIEW: 'yellow',
  DONE: 'green',
  BLOCKED: 'red',
};

const PRIORITY_COLORS: Record<string, string> = { LOW: 'gray', MEDIUM: 'blue', HIGH: 'orange', CRITICAL: 'red.9' };

interface CardProps {
  card: Card;
  canWrite: boolean;
  /** Name of a project member by user id. */
  nameOf: (userId: string) => string | undefined;
  onOpen: (card: Card) => void;
}

/** A card in its column: a drag handle (for those who may write), title, linked task, people. */
export function SortableCard(props: CardProps) {
  const { t } = useTranslation('board');
  const { card, canWrite } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: 'card' },
    disabled: !canWrite,
  });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition };
  return (
    <CardBody
      {...props}
      rootRef={setNodeRef}
      style={style}
      dragging={isDragging}
      handle={
        canWrite ? (
          <DragHandle
            handleRef={setActivatorNodeRef}
            dragProps={{ ...attributes, ...listeners }}
            label={t('card.drag', { title: card.title })}
            testId="drag-handle"
          />
        ) : null
      }
    />
  );
}

interface BodyProps extends CardProps {
  rootRef?: Ref<HTMLDivElement>;
  style?: CSSProperties;
  dragging?: boolean;
  overlay?: boolean;
  handle?: ReactNode;
}

export function CardBody({ card, canWrite, nameOf, onOpen, rootRef, style, dragging, overlay, handle }: BodyProps) {
  const { t } = useTranslation('board');
  const assigneeId = card.task?.assignee_id ?? card.assignee_id;
  const assignee = assigneeId ? (nameOf(assigneeId) ?? t('card.formerMember')) : null;
  const due = card.task?.due_date ?? card.due_date;
  const priority = card.task?.priority ?? card.priority;
  const className = [dragging ? classes.dragging : '', overlay ? classes.overlay : ''].filter(Boolean).join(' ');
  return (
    <Paper
      ref={rootRef}
      style={style}
      className={className || undefined}
      withBorder
      padding="xs"
      radius="sm"
      data-testid="board-card"
      data-card-id={card.id}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        {handle}
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          {canWrite && !overlay ? (
            <UnstyledButton
              onClick={() => onOpen(card)}
              aria-label={t('card.open', { title: card.title })}
              style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500, overflowWrap: 'anywhere' }}
            >
              {card.title}
            </UnstyledButton>
          ) : (
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {card.title}
            </Text>
          )}
          {card.description && (
            <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {card.description}
            </Text>
          )}
          <Group gap={6} wrap="wrap">
            {card.task && (
              <Badge
                size="sm"
                variant="dot"
                radius="sm"
                color={STATUS_COLORS[card.task.status] ?? 'gray'}
                data-testid="card-task-status"
              >
                {t(`status.${card.task.status}`, { defaultValue: card.task.status })}
              </Badge>
            )}
            {priority !== 'MEDIUM' && (
              <Badge size="sm" variant={priority === 'CRITICAL' ? 'filled' : 'light'} radius="sm" color={PRIORITY_COLORS[priority] ?? 'gray'}>
                {t(`priority.${priority}`, { defaultValue: priority })}
              </Badge>
            )}
            {due && (
              <Text size="xs" c="dimmed">
                {t('card.due', { date: formatDate(due) })}
              </Text>
            )}
          </Group>
          {assignee && (
            <Group gap={6} wrap="nowrap">
              <Avatar size={20} radius="xl" color="blue" aria-hidden>
                {initials(assignee)}
              </Avatar>
              <Text size="xs" truncate>
                {assignee}
              </Text>
            </Group>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return `${parts[0]?.charAt(0) ?? ''}${parts.length > 1 ? (parts.at(-1)?.charAt(0) ?? '') : ''}`.toUpperCase();
}
