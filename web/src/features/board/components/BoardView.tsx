import {
  closestCorners,
  DndContext,
  pointerWithin,
  type CollisionDetection,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type DroppableContainer,
  type DroppableContainers,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Alert, Badge, Button, Group, List, Paper, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/errors';
import type { Member } from '@/lib/queries/types';
import { useDeleteColumn, useMoveCard, useMoveColumn } from '../api/board';
import { classifyColumnError, columnNeighbours, moveColumnInList } from '../lib/columns';
import { classifyMoveError } from '../lib/moveErrors';
import {
  locate,
  moveInOrder,
  neighbours,
  orderOf,
  wouldExceed,
  type Board,
  type Card,
  type Column,
  type Order,
  type Place,
} from '../lib/reorder';
import { CardBody } from './BoardCard';
import { BoardColumn } from './BoardColumn';
import { CardEditor, type CardTarget } from './CardEditor';
import { ColumnEditor, type ColumnTarget } from './ColumnEditor';
import classes from './board.module.css';
import '../i18n';

interface Notice {
  color: string;
  title?: string;
  body: ReactNode;
}

const isColumn = (active: Pick<Active, 'data'> | null | undefined) => active?.data.current?.type === 'column';

/** Only the column drop targets (a dragged column lands among columns, never on a card). */
class ColumnTargets extends Map<UniqueIdentifier, DroppableContainer> {
  toArray() {
    return [...this.values()];
  }
  getEnabled() {
    return this.toArray().filter((entry) => !entry.disabled);
  }
  getNodeFor(id: UniqueIdentifier) {
    return this.get(id)?.node.current ?? undefined;
  }
}

/**
 * Where a dragged column lands: the column whose middle is nearest to the dragged one's,
 * sideways only (columns are as tall as their cards, so their centres say nothing up and down).
 */
const nearestColumn: CollisionDetection = ({ collisionRect, droppableRects, droppableContainers }) => {
  const x = collisionRect.left + collisionRect.width / 2;
  return droppableContainers
    .filter((container) => container.data.current?.type === 'column')
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ id: container.id, data: { droppableContainer: container, value: Math.abs(rect.left + rect.width / 2 - x) } }] : [];
    })
    .sort((a, b) => a.data.value - b.data.value);
};

function columnTargets(all: DroppableContainers): DroppableContainers {
  const only = new ColumnTargets();
  for (const entry of all.toArray()) if (entry.data.current?.type === 'column') only.set(entry.id, entry);
  return only as unknown as DroppableContainers;
}

/**
 * Arrow keys during a keyboard drag: a card goes to the nearest card or column in that
 * direction; a column only left or right, among the columns.
 */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  if (!isColumn(args.context.active)) return sortableKeyboardCoordinates(event, args);
  if (event.code === 'ArrowUp' || event.code === 'ArrowDown') {
    event.preventDefault();
    return undefined;
  }
  return sortableKeyboardCoordinates(event, {
    ...args,
    context: { ...args.context, droppableContainers: columnTargets(args.context.droppableContainers) },
  });
};

interface Props {
  projectId: string;
  board: Board;
  members: Member[];
  canWrite: boolean;
  canManage: boolean;
  /** A drag or a move is under way (live refreshes wait until it is over). */
  onBusyChange: (busy: boolean) => void;
}

/** The board: columns side by side, cards dragged between and within them. */
export function BoardView({ projectId, board, members, canWrite, canManage, onBusyChange }: Props) {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [order, setOrder] = useState<Order | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [activeColumnId, setActiveColumnId] = useState<string | null>(null);
  const origin = useRef<Place | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [cardTarget, setCardTarget] = useState<CardTarget | null>(null);
  const [columnTarget, setColumnTarget] = useState<ColumnTarget | null>(null);
  const move = useMoveCard(projectId, board.id);
  const moveColumn = useMoveColumn(projectId, board.id);
  const deleteColumn = useDeleteColumn(projectId, board.id);
  const columns = useMemo(() => board.columns ?? [], [board.columns]);
  const shown = useMemo(() => order ?? orderOf(board), [order, board]);
  const cardsById = useMemo(() => new Map(columns.flatMap((c) => c.cards ?? []).map((card) => [card.id, card])), [columns]);
  const columnsById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const names = useMemo(
    () => new Map(members.map((m) => [m.user_id, `${m.first_name} ${m.last_name}`.trim() || m.email])),
    [members],
  );
  const nameOf = (userId: string) => names.get(userId);
  const columnOrder = useMemo(() => columns.map((c) => c.id), [columns]);
  const busy = activeId !== null || activeColumnId !== null || move.isPending || moveColumn.isPending;
  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);

  // With the mouse, what is under the pointer (a card before its column); with the keyboard,
  // the nearest target in the arrow's direction.
  const collisions: CollisionDetection = (args) => {
    if (isColumn(args.active)) return nearestColumn(args);
    const within = pointerWithin(args);
    if (within.length === 0) return closestCorners(args);
    const cards = within.filter((collision) => !columnsById.has(String(collision.id)));
    return cards.length > 0 ? cards : within;
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates, scrollBehavior: 'auto' }),
  );

  const containerOf = (id: UniqueIdentifier, within: Order): string | null => {
    const key = String(id);
    if (key in within) return key;
    return locate(within, key)?.columnId ?? null;
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setNotice(null);
    if (isColumn(active)) {
      setActiveColumnId(String(active.id));
      return;
    }
    const start = orderOf(board);
    origin.current = locate(start, String(active.id));
    setOrder(start);
    setActiveId(String(active.id));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    // A column's place during the drag is shown by its sortable list; nothing to track here.
    if (!over || isColumn(active)) return;
    setOrder((previous) => {
      const current = previous ?? orderOf(board);
      const from = containerOf(active.id, current);
      const to = containerOf(over.id, current);
      if (!from || !to || from === to) return current;
      const items = current[to] ?? [];
      let index = items.length;
      if (!(String(over.id) in current)) {
        const overIndex = items.indexOf(String(over.id));
        const dragged = active.rect.current.translated;
        const below = dragged ? dragged.top > over.rect.top + over.rect.height / 2 : false;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : items.length;
      }
      return moveInOrder(current, String(active.id), to, index);
    });
  };

  const reset = () => {
    setOrder(null);
    setActiveId(null);
    setActiveColumnId(null);
    origin.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (isColumn(active)) {
      reset();
      const column = columnsById.get(String(active.id));
      const to = over ? columnOrder.indexOf(String(over.id)) : -1;
      if (column && to >= 0) commitColumn(column, to);
      return;
    }
    const start = origin.current;
    let final = order;
    reset();
    const card = cardsById.get(String(active.id));
    if (!over || !start || !final || !card) return;
    const column = containerOf(active.id, final);
    if (column && column === containerOf(over.id, final) && over.id !== active.id && !(String(over.id) in final)) {
      final = moveInOrder(final, card.id, column, (final[column] ?? []).indexOf(String(over.id)));
    }
    const to = locate(final, card.id);
    if (!to || (to.columnId === start.columnId && to.index === start.index)) return;
    commit(card, start, to, final, false);
  };

  const showFull = (column: Column, retry: (() => void) | null) => {
    const count = column.cards?.length ?? column.card_count;
    const limit = column.wip_limit ?? 0;
    if (canManage && retry) {
      modals.openConfirmModal({
        title: t('move.fullTitle', { column: column.name }),
        children: <Text size="sm">{t('move.fullManager', { count, limit })}</Text>,
        labels: { confirm: t('move.force'), cancel: tc('actions.cancel') },
        confirmProps: { color: 'orange' },
        onConfirm: retry,
      });
    } else {
      setNotice({ color: 'orange', title: t('move.fullTitle', { column: column.name }), body: t('move.fullOther', { count, limit }) });
    }
  };

  const commit = (card: Card, from: Place, to: Place, final: Order, force: boolean) => {
    const target = columnsById.get(to.columnId);
    if (!target) return;
    if (!force && from.columnId !== to.columnId && wouldExceed(target, card.id)) {
      showFull(target, () => commit(card, from, to, final, true));
      return;
    }
    const around = neighbours(final, card.id);
    if (!around) return;
    move.mutate(
      { card, from, to, after_id: around.after_id, before_id: around.before_id, force },
      {
        onError: (error) => {
          const problem = classifyMoveError(error);
          switch (problem.kind) {
            case 'wip':
              showFull(target, force ? null : () => commit(card, from, to, final, true));
              break;
            case 'stale':
              setNotice({ color: 'yellow', body: t('move.stale') });
              break;
            case 'blocked':
              setNotice({
                color: 'orange',
                title: t('move.refused'),
                body: (
                  <>
                    <Text size="sm">{t('move.blocked')}</Text>
                    <List size="sm">
                      {problem.tasks.map((task) => (
                        <List.Item key={task.title}>
                          {task.title} ({t(`status.${task.status}`, { defaultValue: task.status })})
                        </List.Item>
                      ))}
                    </List>
                  </>
                ),
              });
              break;
            default:
              setNotice({ color: 'red', title: t('move.refused'), body: errorMessage(error, tc) });
          }
        },
      },
    );
  };

  /** Sends a column's new place (its neighbours there); a refusal is explained and undone. */
  const commitColumn = (column: Column, to: number) => {
    const from = columnOrder.indexOf(column.id);
    if (from < 0 || to === from) return;
    const around = columnNeighbours(moveColumnInList(columnOrder, column.id, to), column.id);
    if (!around) return;
    setNotice(null);
    moveColumn.mutate(
      { column, from, to, after_id: around.after_id, before_id: around.before_id },
      {
        onError: (error) => {
          const problem = classifyColumnError(error);
          if (problem.kind === 'stale') setNotice({ color: 'yellow', body: t('column.moveStale') });
          else setNotice({ color: 'red', title: t('column.moveRefused'), body: errorMessage(error, tc) });
        },
      },
    );
  };

  const showNotEmpty = (column: Column, count: number | null) =>
    setNotice({
      color: 'orange',
      title: t('column.deleteRefused', { name: column.name }),
      body: count === null ? t('column.notEmpty') : t('column.notEmptyCount', { count }),
    });

  const confirmDeleteColumn = (column: Column) => {
    const count = column.cards?.length ?? column.card_count;
    // The server refuses to delete a column with cards: say so instead of asking.
    if (count > 0) {
      showNotEmpty(column, count);
      return;
    }
    modals.openConfirmModal({
      title: t('column.delete'),
      children: <Text size="sm">{t('column.deleteConfirm', { name: column.name })}</Text>,
      labels: { confirm: tc('actions.delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        deleteColumn.mutate(column, {
          onError: (error) => {
            const problem = classifyColumnError(error);
            if (problem.kind === 'notEmpty') showNotEmpty(column, problem.count);
            else if (problem.kind === 'stale') setNotice({ color: 'yellow', body: t('column.deleteStale') });
            else setNotice({ color: 'red', title: t('column.deleteRefused', { name: column.name }), body: errorMessage(error, tc) });
          },
        }),
    });
  };

  const nameOfTarget = (id: UniqueIdentifier | undefined) => {
    if (id === undefined) return '';
    const column = containerOf(id, shown);
    return column ? (columnsById.get(column)?.name ?? '') : '';
  };
  const titleOf = (id: UniqueIdentifier) => cardsById.get(String(id))?.title ?? '';
  const columnName = (id: UniqueIdentifier) => columnsById.get(String(id))?.name ?? '';
  const placeOf = (id: UniqueIdentifier | undefined) => ({
    position: id === undefined ? 0 : columnOrder.indexOf(String(id)) + 1,
    count: columnOrder.length,
  });
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      isColumn(active) ? t('dnd.columnStart', { name: columnName(active.id) }) : t('dnd.start', { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) => {
      if (!over) return undefined;
      if (isColumn(active)) return t('dnd.columnOver', { name: columnName(active.id), ...placeOf(over.id) });
      return t('dnd.overColumn', { title: titleOf(active.id), target: nameOfTarget(over.id) });
    },
    onDragEnd: ({ active, over }) => {
      if (isColumn(active)) {
        return over ? t('dnd.columnEnd', { name: columnName(active.id), ...placeOf(over.id) }) : t('dnd.columnCancel', { name: columnName(active.id) });
      }
      return `${t('dnd.end', { title: titleOf(active.id) })} ${over ? nameOfTarget(over.id) : ''}`.trim();
    },
    onDragCancel: ({ active }) =>
      isColumn(active) ? t('dnd.columnCancel', { name: columnName(active.id) }) : t('dnd.cancel', { title: titleOf(active.id) }),
  };
  const active = activeId ? cardsById.get(activeId) : undefined;
  const activeColumn = activeColumnId ? columnsById.get(activeColumnId) : undefined;

  return (
    <>
      {notice && (
        <Alert
          color={notice.color}
          title={notice.title}
          role="alert"
          withCloseButton
          closeButtonLabel={tc('actions.close')}
          onClose={() => setNotice(null)}
          mb="sm"
          data-testid="board-notice"
        >
          {typeof notice.body === 'string' ? <Text size="sm">{notice.body}</Text> : notice.body}
        </Alert>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={reset}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
      >
        <div
          className={classes.columns}
          role="region"
          aria-label={board.name}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- keyboard users scroll the columns sideways
          tabIndex={0}
          data-testid="board-columns"
        >
          <SortableContext id="board-columns" items={columnOrder} strategy={horizontalListSortingStrategy}>
            {columns.map((column, index) => (
              <BoardColumn
                key={column.id}
                column={column}
                cards={(shown[column.id] ?? []).flatMap((id) => cardsById.get(id) ?? [])}
                canWrite={canWrite}
                canAdd={canWrite && (canManage || !wouldExceed(column, ''))}
                nameOf={nameOf}
                onOpenCard={(card) => setCardTarget({ kind: 'edit', card })}
                onAddCard={(target) => setCardTarget({ kind: 'new', column: target })}
                onEdit={(target) => setColumnTarget({ kind: 'edit', column: target })}
                onDelete={confirmDeleteColumn}
                onShift={(target, by) => commitColumn(target, index + by)}
                canShiftLeft={index > 0}
                canShiftRight={index < columns.length - 1}
              />
            ))}
          </SortableContext>
          {canWrite && (
            <div className={classes.addColumn}>
              <Button
                variant="default"
                fullWidth
                leftSection={<IconPlus size={16} />}
                onClick={() => setColumnTarget({ kind: 'new', after: columns.at(-1) })}
              >
                {t('column.add')}
              </Button>
            </div>
          )}
        </div>
        <DragOverlay>
          {active ? <CardBody card={active} canWrite={canWrite} nameOf={nameOf} onOpen={() => undefined} overlay /> : null}
          {activeColumn ? <ColumnOverlay column={activeColumn} /> : null}
        </DragOverlay>
      </DndContext>
      <CardEditor
        projectId={projectId}
        boardId={board.id}
        target={cardTarget}
        members={members}
        current={(id) => cardsById.get(id)}
        canManage={canManage}
        onClose={() => setCardTarget(null)}
      />
      <ColumnEditor projectId={projectId} boardId={board.id} target={columnTarget} onClose={() => setColumnTarget(null)} />
    </>
  );
}

/** What follows the pointer while a column is dragged: its head, the colour and the count. */
function ColumnOverlay({ column }: { column: Column }) {
  const { t } = useTranslation('board');
  const count = column.cards?.length ?? column.card_count;
  return (
    <Paper className={classes.columnOverlay} style={{ borderTopColor: column.color }} withBorder p="xs" radius="md" data-testid="column-overlay">
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {column.name}
        </Text>
        <Badge size="sm" radius="sm" variant="light" color="gray">
          {t('column.cards', { count })}
        </Badge>
      </Group>
    </Paper>
  );
}
