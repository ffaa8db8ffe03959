import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Button, Group, Menu, Text, Title, VisuallyHidden } from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconDots,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DragHandle } from '@/components/ui/DragHandle';
import type { Card, Column } from '../lib/reorder';
import { SortableCard } from './BoardCard';
import classes from './board.module.css';
import '../i18n';

interface Props {
  column: Column;
  /** The cards in the order shown (during a drag: the drag's order). */
  cards: Card[];
  canWrite: boolean;
  /** May add a card here (a full column only for managers). */
  canAdd: boolean;
  nameOf: (userId: string) => string | undefined;
  onOpenCard: (card: Card) => void;
  onAddCard: (column: Column) => void;
  onEdit: (column: Column) => void;
  onDelete: (column: Column) => void;
  /** Moves the column one place left (-1) or right (+1); offered where there is a neighbour. */
  onShift: (column: Column, by: -1 | 1) => void;
  canShiftLeft: boolean;
  canShiftRight: boolean;
}

/**
 * One column: colour, name, count against its WIP limit, its cards (a drop target for cards);
 * for those who may write, a handle to drag the column itself among the others.
 */
export function BoardColumn({
  column,
  cards,
  canWrite,
  canAdd,
  nameOf,
  onOpenCard,
  onAddCard,
  onEdit,
  onDelete,
  onShift,
  canShiftLeft,
  canShiftRight,
}: Props) {
  const { t } = useTranslation('board');
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging, isOver, active } = useSortable({
    id: column.id,
    data: { type: 'column' },
    disabled: !canWrite,
  });
  const cardOver = isOver && active?.data.current?.type !== 'column';
  const count = cards.length;
  const limit = column.wip_limit ?? null;
  const full = limit !== null && count >= limit;
  const over = limit !== null && count > limit;
  const headingId = `column-${column.id}`;

  return (
    <section
      ref={setNodeRef}
      className={[classes.column, isDragging ? classes.dragging : ''].filter(Boolean).join(' ')}
      style={{
        borderTopColor: column.color,
        outline: cardOver ? '2px solid var(--mantine-color-blue-4)' : undefined,
        transform: CSS.Translate.toString(transform),
        transition,
      }}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-column-id={column.id}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" p="xs" pb={6}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {canWrite && (
            <DragHandle
              handleRef={setActivatorNodeRef}
              dragProps={{ ...attributes, ...listeners }}
              label={t('column.drag', { name: column.name })}
              testId="column-handle"
            />
          )}
          <Title order={3} size="h6" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {column.name}
          </Title>
          {limit !== null ? (
            <Badge
              size="sm"
              radius="sm"
              variant={over ? 'filled' : 'light'}
              color={over ? 'red.9' : full ? 'orange' : 'gray'}
              style={{ flexShrink: 0, outline: full && !over ? '1px solid var(--mantine-color-orange-7)' : undefined }}
              data-testid="wip"
              data-full={full ? 'true' : 'false'}
            >
              <span aria-hidden>{t('column.wip', { count, limit })}</span>
              <VisuallyHidden>{`${t('column.wipLabel', { count, limit })}${full ? ` (${t('column.full')})` : ''}`}</VisuallyHidden>
            </Badge>
          ) : (
            <Badge size="sm" radius="sm" variant="light" color="gray" style={{ flexShrink: 0 }}>
              <span aria-hidden>{count}</span>
              <VisuallyHidden>{t('column.cards', { count })}</VisuallyHidden>
            </Badge>
          )}
        </Group>
        {canWrite && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('column.menu', { name: column.name })}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(column)}>
                {t('column.edit')}
              </Menu.Item>
              {canShiftLeft && (
                <Menu.Item leftSection={<IconArrowLeft size={14} />} onClick={() => onShift(column, -1)}>
                  {t('column.moveLeft')}
                </Menu.Item>
              )}
              {canShiftRight && (
                <Menu.Item leftSection={<IconArrowRight size={14} />} onClick={() => onShift(column, 1)}>
                  {t('column.moveRight')}
                </Menu.Item>
              )}
              <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => onDelete(column)}>
                {t('column.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {column.maps_to_status && (
        <Text size="xs" c="dimmed" px="xs" mt={-4} mb={6}>
          {t('column.mapsTo')}: {t(`status.${column.maps_to_status}`, { defaultValue: column.maps_to_status })}
        </Text>
      )}
      <SortableContext id={column.id} items={cards.map((card) => card.id)} strategy={verticalListSortingStrategy}>
        <div className={classes.cards}>
          {cards.map((card) => (
            <SortableCard key={card.id} card={card} canWrite={canWrite} nameOf={nameOf} onOpen={onOpenCard} />
          ))}
          {cards.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="sm">
              {t('column.empty')}
            </Text>
          )}
        </div>
      </SortableContext>
      {canAdd && (
        <Button
          variant="subtle"
          color="gray"
          size="xs"
          m={6}
          leftSection={<IconPlus size={14} />}
          onClick={() => onAddCard(column)}
          aria-label={t('card.addTo', { column: column.name })}
          justify="flex-start"
        >
          {t('card.add')}
        </Button>
      )}
    </section>
  );
}
