import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { QueryState } from '@/components/ui/QueryState';
import { useProjectEvents, type LiveEvent, type LiveStatus } from '@/lib/live/useProjectEvents';
import { useMembers, useWorkspaceProject } from '@/lib/queries/project';
import { boardKeys, useBoard, useBoards, useCreateBoard } from '../api/board';
import { findCard, type Board } from '../lib/reorder';
import { BoardView } from './BoardView';
import '../i18n';

/** The project's Kanban board(s), live: others' moves appear without a reload. */
export function BoardTab() {
  const { t } = useTranslation('board');
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
  const { status, setBusy } = useBoardLive(project.id, board.data);

  const pick = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('board', id);
    else next.delete('board');
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Title order={2} size="h4">
            {board.data?.name ?? t('title')}
          </Title>
          <LiveBadge status={status} />
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

function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('board');
  const color = status === 'live' ? 'green' : status === 'connecting' ? 'gray' : 'orange';
  const badge = (
    <Badge color={color} variant="dot" size="sm" role="status" data-testid="live-status" data-status={status}>
      {status === 'live' ? t('live.live') : status === 'connecting' ? t('live.connecting') : t('live.offline')}
    </Badge>
  );
  return status === 'offline' ? <Tooltip label={t('live.offline')}>{badge}</Tooltip> : badge;
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
