// Kanban boards of a project: boards, columns, cards and the card move. A move shows at once
// (optimistic) and is put back where it came from when the server refuses it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import { applyColumnMove, replaceBoardHead, replaceColumn } from '../lib/columns';
import { applyMove, replaceCard, type Board, type Card, type Column, type Place } from '../lib/reorder';

export type CreateCard = components['schemas']['CreateCard'];
export type UpdateCard = components['schemas']['UpdateCard'];
export type CreateColumn = components['schemas']['CreateColumn'];
export type UpdateColumn = components['schemas']['UpdateColumn'];
export type UpdateBoard = components['schemas']['UpdateBoard'];
type BoardList = components['schemas']['BoardList'];

export const boardKeys = {
  all: (projectId: string) => keys.inProject(projectId, 'board'),
  list: (projectId: string) => keys.inProject(projectId, 'board', 'list'),
  board: (projectId: string, boardId: string) => keys.inProject(projectId, 'board', boardId),
};

export function useBoards(projectId: string) {
  return useQuery({
    queryKey: boardKeys.list(projectId),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/boards', { params: { path: { id: projectId } } })),
  });
}

export function useBoard(projectId: string, boardId: string | null) {
  return useQuery({
    queryKey: boardKeys.board(projectId, boardId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/boards/{id}', { params: { path: { id: boardId ?? '' } } })),
    enabled: !!boardId,
  });
}

/** After a write: the board, the task lists (linked tasks take column statuses), the summary. */
function useBoardChanged(projectId: string, boardId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: boardKeys.board(projectId, boardId) });
    void client.invalidateQueries({ queryKey: keys.inProject(projectId, 'tasks') });
    void client.invalidateQueries({ queryKey: keys.inProject(projectId, 'schedule') });
    void client.invalidateQueries({ queryKey: keys.summary(projectId) });
  };
}

export function useCreateBoard(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/v1/projects/{id}/boards', { params: { path: { id: projectId } }, body: { name } })),
    onSuccess: (board) => {
      client.setQueryData(boardKeys.board(projectId, board.id), board);
      void client.invalidateQueries({ queryKey: boardKeys.list(projectId) });
    },
  });
}

/** Renames a board (or changes its description); the columns shown stay. */
export function useUpdateBoard(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ board, input }: { board: Pick<Board, 'id' | 'version'>; input: UpdateBoard }) =>
      unwrap(
        api.PATCH('/api/v1/boards/{id}', {
          params: { path: { id: board.id } },
          headers: ifMatch(board.version),
          body: input,
        }),
      ),
    onSuccess: (head) => {
      client.setQueryData<Board>(boardKeys.board(projectId, head.id), (board) => board && replaceBoardHead(board, head));
    },
    onSettled: () => client.invalidateQueries({ queryKey: boardKeys.all(projectId) }),
  });
}

/** Deletes a board with its columns and cards (linked tasks stay). */
export function useDeleteBoard(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (board: Pick<Board, 'id' | 'version'>) =>
      unwrap(api.DELETE('/api/v1/boards/{id}', { params: { path: { id: board.id } }, headers: ifMatch(board.version) })),
    // Gone from the list at once, so that the screen moves on to another board. The deleted
    // board's own entry is left to expire: removing it while it is still shown would only
    // fetch it again (a 404) before the screen moves on.
    onSuccess: (_nothing, board) => {
      client.setQueryData<BoardList>(boardKeys.list(projectId), (list) => list && { ...list, items: list.items.filter((b) => b.id !== board.id) });
      void client.invalidateQueries({ queryKey: keys.inProject(projectId, 'tasks') });
      void client.invalidateQueries({ queryKey: keys.summary(projectId) });
    },
    // Refused (412: changed meanwhile): show the board as it is now.
    onError: () => client.invalidateQueries({ queryKey: boardKeys.all(projectId) }),
    onSettled: () => client.invalidateQueries({ queryKey: boardKeys.list(projectId) }),
  });
}

export function useCreateColumn(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: (input: CreateColumn) =>
      unwrap(api.POST('/api/v1/boards/{id}/columns', { params: { path: { id: boardId } }, body: input })),
    onSuccess: changed,
  });
}

export function useUpdateColumn(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: ({ column, input }: { column: Pick<Column, 'id' | 'version'>; input: UpdateColumn }) =>
      unwrap(
        api.PATCH('/api/v1/columns/{id}', {
          params: { path: { id: column.id } },
          headers: ifMatch(column.version),
          body: input,
        }),
      ),
    onSettled: changed,
  });
}

export function useDeleteColumn(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: (column: Pick<Column, 'id' | 'version'>) =>
      unwrap(api.DELETE('/api/v1/columns/{id}', { params: { path: { id: column.id } }, headers: ifMatch(column.version) })),
    onSettled: changed,
  });
}

export interface ColumnMoveInput {
  column: Pick<Column, 'id' | 'version'>;
  /** Index before and after the move, for the optimistic update and its rollback. */
  from: number;
  to: number;
  after_id: string | null;
  before_id: string | null;
}

/** Moves a column between its new neighbours; shown at once, put back on an error. */
export function useMoveColumn(projectId: string, boardId: string) {
  const client = useQueryClient();
  const key = boardKeys.board(projectId, boardId);
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: (move: ColumnMoveInput) =>
      unwrap(
        api.PATCH('/api/v1/columns/{id}', {
          params: { path: { id: move.column.id } },
          headers: ifMatch(move.column.version),
          body: {
            ...(move.after_id ? { after_id: move.after_id } : {}),
            ...(move.before_id ? { before_id: move.before_id } : {}),
          },
        }),
      ),
    onMutate: async (move) => {
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<Board>(key, (board) => board && applyColumnMove(board, move.column.id, move.to));
    },
    onError: (_error, move) => {
      client.setQueryData<Board>(key, (board) => board && applyColumnMove(board, move.column.id, move.from));
    },
    onSuccess: (column) => {
      client.setQueryData<Board>(key, (board) => board && replaceColumn(board, column));
    },
    onSettled: changed,
  });
}

export function useCreateCard(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: ({ columnId, input }: { columnId: string; input: CreateCard }) =>
      unwrap(api.POST('/api/v1/columns/{id}/cards', { params: { path: { id: columnId } }, body: input })),
    onSuccess: changed,
  });
}

export function useUpdateCard(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: ({ card, input }: { card: Pick<Card, 'id' | 'version'>; input: UpdateCard }) =>
      unwrap(
        api.PATCH('/api/v1/cards/{id}', {
          params: { path: { id: card.id } },
          headers: ifMatch(card.version),
          body: input,
        }),
      ),
    onSettled: changed,
  });
}

export function useDeleteCard(projectId: string, boardId: string) {
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: (card: Pick<Card, 'id' | 'version'>) =>
      unwrap(api.DELETE('/api/v1/cards/{id}', { params: { path: { id: card.id } }, headers: ifMatch(card.version) })),
    onSettled: changed,
  });
}

export interface MoveInput {
  card: Card;
  from: Place;
  to: Place;
  after_id: string | null;
  before_id: string | null;
  force?: boolean;
}

/** Moves a card between its new neighbours; shown at once, put back on an error. */
export function useMoveCard(projectId: string, boardId: string) {
  const client = useQueryClient();
  const key = boardKeys.board(projectId, boardId);
  const changed = useBoardChanged(projectId, boardId);
  return useMutation({
    mutationFn: (move: MoveInput) =>
      unwrap(
        api.POST('/api/v1/cards/{id}/move', {
          params: { path: { id: move.card.id } },
          headers: ifMatch(move.card.version),
          body: {
            column_id: move.to.columnId,
            after_id: move.after_id,
            before_id: move.before_id,
            force: move.force || undefined,
          },
        }),
      ),
    onMutate: async (move) => {
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<Board>(key, (board) => board && applyMove(board, move.card.id, move.to.columnId, move.to.index));
    },
    onError: (_error, move) => {
      client.setQueryData<Board>(key, (board) => board && applyMove(board, move.card.id, move.from.columnId, move.from.index));
    },
    onSuccess: (card) => {
      client.setQueryData<Board>(key, (board) => board && replaceCard(board, card));
    },
    onSettled: changed,
  });
}

/** The project's tasks, for linking a card (a project has dozens to a few hundred). */
export function useTaskChoices(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'tasks', 'board-choices'),
    queryFn: async () => {
      const items: components['schemas']['TaskOut'][] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await unwrap(
          api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId }, query: { limit: 200, sort: 'title', cursor } } }),
        );
        items.push(...result.items);
        cursor = result.next_cursor ?? undefined;
        if (!cursor) break;
      }
      return items;
    },
    enabled,
    staleTime: 30_000,
  });
}

export async function fetchCard(id: string): Promise<Card> {
  return unwrap(api.GET('/api/v1/cards/{id}', { params: { path: { id } } }));
}

export async function fetchBoard(id: string): Promise<Board> {
  return unwrap(api.GET('/api/v1/boards/{id}', { params: { path: { id } } }));
}

export async function fetchColumn(id: string): Promise<Column> {
  return unwrap(api.GET('/api/v1/columns/{id}', { params: { path: { id } } }));
}
