import { ActionIcon, Button, Group, Menu, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { LiveBadge } from '@/components/ui/LiveBadge';
import { QueryState } from '@/components/ui/QueryState';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { useProjectEvents, type LiveEvent } from '@/lib/live/useProjectEvents';
import { useMembers, useWorkspaceProject } from '@/lib/queries/project';
import { boardKeys, useBoard, useBoards, useCreateBoard, useDeleteBoard } from '../api/board';
import { findCard, type Board } from '../lib/reorder';
import { BoardEditor } from './BoardEditor';
import { BoardView } from './BoardView';
import '../i18n';

/** The project's Kanban board(s), live: others' moves appear without a reload. */
export function BoardTab() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const canWrite = project.my_access?.write ?? false;
  const canManage = project.my_access?.manage ?? false;
  const [params, setParams] = useSearchParams();
  const boards = useBoards(project.id);
  const members = useMembers(project.id);
  const items = boards.data?.items ?? [];
  const wanted = params.get('board');
  const selected = items.find((b) => b.id === wanted)?.id ?? items[0]?.id ?? null;
  const board = useBoard(project.id, selected);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Board | null>(null);
  const remove = useDeleteBoard(project.id);
  const { status, setBusy } = useBoardLive(project.id, board.data);

  const pick = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('board', id);
    else next.delete('board');
    setParams(next, { replace: true });
  };

  const confirmDelete = (target: Board) => {
    const count = (target.columns ?? []).reduce((sum, column) => sum + (column.cards?.length ?? column.card_count), 0);
    modals.openConfirmModal({
      title: t('manage.delete'),
      children: <Text size="sm">{t('manage.deleteConfirm', { name: target.name, count })}</Text>,
      labels: { confirm: tc('actions.delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(target, {
          onSuccess: () => {
            notifications.show({ message: t('manage.deleted', { name: target.name }), color: 'green' });
            pick(null);
          },
          onError: (error) =>
            notifications.show({
              message: isProblem(error, 412) ? t('manage.deleteStale') : errorMessage(error, tc),
              color: isProblem(error, 412) ? 'yellow' : 'red',
              autoClose: 10_000,
            }),
        }),
    });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Title order={2} size="h4">
            {board.data?.name ?? t('title')}
          </Title>
          <LiveBadge status={status} />
          {canWrite && board.data && (
            <BoardMenu board={board.data} onRename={setRenaming} onDelete={confirmDelete} />
          )}
        </Group>
        <Group gap="sm" wrap="wrap">
          {items.length > 1 && (
            <Select
              aria-label={t('pick')}
              data={items.map((b) => ({ value: b.id, label: b.name }))}
              value={selected}
              onChange={pick}
              allowDeselect={false}
              w={{ base: '100%', xs: 220 }}
            />
          )}
          {canWrite && items.length > 0 && (
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('newBoard')}
            </Button>
          )}
        </Group>
      </Group>
      {board.data?.description && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {board.data.description}
        </Text>
      )}
      <QueryState
        query={boards}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <>
            <Text c="dimmed">{canWrite ? t('none') : t('noneReadOnly')}</Text>
            {canWrite && (
              <>
                <Text size="sm" c="dimmed">
                  {t('createHint')}
                </Text>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  {t('create')}
                </Button>
              </>
            )}
          </>
        }
      >
        {() =>
          board.isError ? (
            <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
          ) : (
            <QueryState query={board}>
              {(data) => (
                <BoardView
                  projectId={project.id}
                  board={data}
                  members={members.data?.items ?? []}
                  canWrite={canWrite}
                  canManage={canManage}
                  onBusyChange={setBusy}
                />
              )}
            </QueryState>
          )
        }
      </QueryState>
      <CreateBoard projectId={project.id} opened={creating} onClose={() => setCreating(false)} onCreated={pick} />
      <BoardEditor projectId={project.id} board={renaming} onClose={() => setRenaming(null)} />
    </Stack>
  );
}

/**
 * Follows the project's live events: a change to this board's cards or columns, or to a task
 * one of its cards shows, refetches the board — after a drag or move of one's own is over,
 * and not for events this screen already has (same version).
 */
function useBoardLive(projectId: string, board: Board | undefined) {
  const client = useQueryClient();
  const current = useRef(board);
  const busy = useRef(false);
  const waiting = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    current.current = board;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = useCallback(() => {
    if (busy.current) {
      waiting.current = true;
      return;
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void client.invalidateQueries({ queryKey: boardKeys.all(projectId) }), 150);
  }, [client, projectId]);

  const setBusy = useCallback(
    (value: boolean) => {
      busy.current = value;
      if (!value && waiting.current) {
        waiting.current = false;
        refresh();
      }
    },
    [refresh],
  );

  const status = useProjectEvents(projectId, {
    onEvent: (event) => {
      if (concerns(current.current, event)) refresh();
    },
    onReset: refresh,
  });
  return { status, setBusy };
}

function concerns(board: Board | undefined, event: LiveEvent): boolean {
  const [kind] = event.type.split('.');
  if (kind === 'board') return true;
  if (!board) return kind === 'card' || kind === 'column';
  const cards = (board.columns ?? []).flatMap((c) => c.cards ?? []);
  if (kind === 'task') return cards.some((card) => card.task_id === event.id);
  if (kind === 'card') {
    const card = findCard(board, event.id);
    // Our own move or edit: the screen already shows this version.
    return !(card && event.version !== null && event.version !== undefined && card.version >= event.version);
  }
  if (kind === 'column') {
    const column = board.columns?.find((c) => c.id === event.id);
    return !(column && event.version !== null && event.version !== undefined && column.version >= event.version);
  }
  return false;
}

function BoardMenu({ board, onRename, onDelete }: { board: Board; onRename: (board: Board) => void; onDelete: (board: Board) => void }) {
  const { t } = useTranslation('board');
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actions')} data-testid="board-menu">
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onRename(board)}>
          {t('manage.rename')}
        </Menu.Item>
        <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => onDelete(board)}>
          {t('manage.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function CreateBoard({
  projectId,
  opened,
  onClose,
  onCreated,
}: {
  projectId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const create = useCreateBoard(projectId);
  const [name, setName] = useState('');
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('newBoard')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = name.trim() || t('defaultName');
          create.mutate(value, {
            onSuccess: (board) => {
              notifications.show({ message: t('created', { name: board.name }), color: 'green' });
              onCreated(board.id);
              close();
            },
          });
        }}
      >
        <Stack gap="sm">
          {create.isError && <ErrorAlert error={create.error} />}
          <TextInput
            label={t('boardName')}
            placeholder={t('defaultName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            description={t('createHint')}
            maxLength={200}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {tc('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {tc('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
