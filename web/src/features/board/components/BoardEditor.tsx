import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/forms';
import { fetchBoard, useUpdateBoard, type UpdateBoard } from '../api/board';
import type { Board } from '../lib/reorder';
import '../i18n';

const FIELDS = ['name', 'description'] as const;

interface BoardValues {
  name: string;
  description: string;
}

interface Props {
  projectId: string;
  /** The board to rename; `null` keeps the dialog closed. */
  board: Board | null;
  onClose: () => void;
}

/** Renames a board and edits its description. */
export function BoardEditor({ board, ...rest }: Props) {
  const { t } = useTranslation('board');
  return (
    <Modal opened={board !== null} onClose={rest.onClose} title={t('manage.rename')}>
      {board && <BoardForm key={board.id} board={board} {...rest} />}
    </Modal>
  );
}

function BoardForm({ projectId, board, onClose }: Omit<Props, 'board'> & { board: Board }) {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const initial: BoardValues = { name: board.name, description: board.description ?? '' };
  const update = useUpdateBoard(projectId);
  // The version the edit is based on; after a 412 it moves to the stored one, so that a second
  // save applies the user's input on top of the other change.
  const [base, setBase] = useState<Pick<Board, 'id' | 'version'>>(board);
  const [conflict, setConflict] = useState<'changed' | 'gone' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const schema = z.object({
    name: z.string().trim().min(1, tc('errors.validation')).max(200),
    description: z.string().max(10_000),
  });
  const form = useForm<BoardValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const errors = form.formState.errors;

  const submit = async (values: BoardValues) => {
    setMessage(null);
    const body: UpdateBoard = {};
    if (values.name.trim() !== initial.name) body.name = values.name.trim();
    if (values.description.trim() !== initial.description.trim()) body.description = values.description.trim() || null;
    try {
      await update.mutateAsync({ board: base, input: body });
      notifications.show({ message: tc('states.saved'), color: 'green' });
      onClose();
    } catch (error) {
      if (isProblem(error, 412)) {
        try {
          setBase(await fetchBoard(board.id));
          setConflict('changed');
        } catch {
          setConflict('gone');
        }
        return;
      }
      if (isProblem(error, 404)) {
        setConflict('gone');
        return;
      }
      const rest = applyServerErrors(error, FIELDS, form.setError);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, tc));
    }
  };

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict === 'changed' && (
          <Alert color="yellow" role="alert" data-testid="board-conflict">
            {t('manage.conflict')}
          </Alert>
        )}
        {conflict === 'gone' && (
          <Alert color="red" role="alert">
            {t('manage.gone')}
          </Alert>
        )}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput {...form.register('name')} label={t('boardName')} required maxLength={200} error={errors.name?.message} data-autofocus />
        <Textarea
          {...form.register('description')}
          label={t('manage.description')}
          autosize
          minRows={2}
          maxRows={6}
          error={errors.description?.message}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {tc('actions.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting} disabled={conflict === 'gone'}>
            {tc('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
