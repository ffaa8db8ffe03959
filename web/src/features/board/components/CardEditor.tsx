import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DateField } from '@/components/ui/DateField';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/forms';
import type { Member } from '@/lib/queries/types';
import { fetchCard, useCreateCard, useDeleteCard, useTaskChoices, useUpdateCard, type UpdateCard } from '../api/board';
import { wouldExceed, type Card, type Column } from '../lib/reorder';
import '../i18n';

const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const FIELDS = ['title', 'description', 'assignee_id', 'priority', 'due_date', 'task_id'] as const;

interface CardValues {
  title: string;
  description: string;
  assignee_id: string | null;
  priority: string;
  due_date: string | null;
  task_id: string | null;
}

function valuesOf(card?: Card): CardValues {
  return {
    title: card?.title ?? '',
    description: card?.description ?? '',
    assignee_id: card?.assignee_id ?? null,
    priority: card?.priority ?? 'MEDIUM',
    due_date: card?.due_date ?? null,
    task_id: card?.task_id ?? null,
  };
}

export type CardTarget = { kind: 'new'; column: Column } | { kind: 'edit'; card: Card };

interface Props {
  projectId: string;
  boardId: string;
  target: CardTarget | null;
  members: Member[];
  /** The card as the board shows it now (live), to notice someone else's change. */
  current: (cardId: string) => Card | undefined;
  canManage: boolean;
  onClose: () => void;
}

export function CardEditor({ target, ...rest }: Props) {
  const { t } = useTranslation('board');
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={target !== null}
      onClose={rest.onClose}
      title={target?.kind === 'edit' ? t('card.edit') : t('card.new')}
      size="lg"
      fullScreen={phone}
    >
      {target && <CardForm key={target.kind === 'edit' ? target.card.id : target.column.id} target={target} {...rest} />}
    </Modal>
  );
}

function CardForm({ projectId, boardId, target, members, current, canManage, onClose }: Props & { target: CardTarget }) {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const editing = target.kind === 'edit' ? target.card : undefined;
  const initial = valuesOf(editing);
  const tasks = useTaskChoices(projectId, true);
  const create = useCreateCard(projectId, boardId);
  const update = useUpdateCard(projectId, boardId);
  const remove = useDeleteCard(projectId, boardId);
  // The version the edit is based on; after a 412 it moves to the stored one, so that a
  // second save applies the user's input on top of the other change.
  const [base, setBase] = useState(editing);
  const [conflict, setConflict] = useState<'changed' | 'gone' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const schema = z
    .object({
      title: z.string().max(200),
      description: z.string().max(10_000),
      assignee_id: z.string().nullable(),
      priority: z.string(),
      due_date: z.string().nullable(),
      task_id: z.string().nullable(),
    })
    .refine((v) => v.title.trim() !== '' || (!editing && v.task_id), { path: ['title'], message: t('card.required') });
  const form = useForm<CardValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const errors = form.formState.errors;
  const live = editing ? current(editing.id) : undefined;
  const changedMeanwhile = !!base && !!live && live.version > base.version && !conflict;
  const full = target.kind === 'new' && wouldExceed(target.column, '');
  const memberOptions = members.map((m) => ({ value: m.user_id, label: `${m.first_name} ${m.last_name}`.trim() || m.email }));
  if (initial.assignee_id && !members.some((m) => m.user_id === initial.assignee_id)) {
    memberOptions.push({ value: initial.assignee_id, label: t('card.formerMember') });
  }

  const submit = async (values: CardValues) => {
    setMessage(null);
    try {
      if (target.kind === 'new') {
        await create.mutateAsync({
          columnId: target.column.id,
          input: {
            title: values.title.trim() || undefined,
            description: values.description.trim() || undefined,
            assignee_id: values.assignee_id ?? undefined,
            priority: values.priority,
            due_date: values.due_date ?? undefined,
            task_id: values.task_id ?? undefined,
            force: force || undefined,
          },
        });
        notifications.show({ message: t('card.created'), color: 'green' });
        onClose();
        return;
      }
      if (!base) return;
      const body: UpdateCard = {};
      if (values.title.trim() !== initial.title) body.title = values.title.trim();
      if (values.description.trim() !== initial.description.trim()) body.description = values.description.trim() || null;
      if (values.assignee_id !== initial.assignee_id) body.assignee_id = values.assignee_id;
      if (values.priority !== initial.priority) body.priority = values.priority;
      if (values.due_date !== initial.due_date) body.due_date = values.due_date;
      if (values.task_id !== initial.task_id) body.task_id = values.task_id;
      await update.mutateAsync({ card: base, input: body });
      notifications.show({ message: tc('states.saved'), color: 'green' });
      onClose();
    } catch (error) {
      if (isProblem(error, 412) && base) {
        try {
          setBase(await fetchCard(base.id));
          setConflict('changed');
        } catch {
          setConflict('gone');
        }
        return;
      }
      if (isProblem(error, 404) && base) {
        setConflict('gone');
        return;
      }
      const rest = applyServerErrors(error, FIELDS, form.setError);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, tc));
    }
  };

  const confirmDelete = (card: Card) =>
    modals.openConfirmModal({
      title: t('card.delete'),
      children: <Text size="sm">{t('card.deleteConfirm', { title: card.title })}</Text>,
      labels: { confirm: tc('actions.delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(base ?? card, {
          onSuccess: () => {
            notifications.show({ message: tc('states.deleted'), color: 'green' });
            onClose();
          },
          onError: (error) =>
            isProblem(error, 412)
              ? setConflict('changed')
              : notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict === 'changed' && (
          <Alert color="yellow" role="alert" data-testid="card-conflict">
            {t('card.conflict')}
          </Alert>
        )}
        {conflict === 'gone' && (
          <Alert color="red" role="alert">
            {t('card.gone')}
          </Alert>
        )}
        {changedMeanwhile && live && (
          <Alert color="yellow" role="status">
            {t('card.changedMeanwhile', { title: live.title })}
          </Alert>
        )}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput
          {...form.register('title')}
          label={t('card.title')}
          description={target.kind === 'new' ? t('card.titleFromTask') : undefined}
          required={target.kind === 'edit'}
          error={errors.title?.message}
          data-autofocus
        />
        <Textarea {...form.register('description')} label={t('card.description')} autosize minRows={2} maxRows={6} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="task_id"
            render={({ field }) => (
              <Select
                label={t('card.task')}
                placeholder={t('card.noTask')}
                description={t('card.taskHint')}
                data={(tasks.data ?? []).map((task) => ({ value: task.id, label: task.title }))}
                value={field.value}
                onChange={field.onChange}
                searchable
                clearable
                limit={50}
                nothingFoundMessage={tc('states.noMatches')}
                error={errors.task_id?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="assignee_id"
            render={({ field }) => (
              <Select
                label={t('card.assignee')}
                placeholder={t('card.unassigned')}
                data={memberOptions}
                value={field.value}
                onChange={field.onChange}
                searchable
                clearable
                error={errors.assignee_id?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="priority"
            render={({ field }) => (
              <Select
                label={t('card.priority')}
                data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? field.value)}
                allowDeselect={false}
                error={errors.priority?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="due_date"
            render={({ field }) => (
              <DateField
                label={t('card.dueDate')}
                clearButtonProps={{ 'aria-label': t('card.clearDate') }}
                value={field.value} onChange={field.onChange} error={errors.due_date?.message} />
            )}
          />
        </SimpleGrid>
        {full && target.kind === 'new' && (
          <Alert color="orange">
            <Stack gap="xs">
              <Text size="sm">
                {canManage
                  ? t('move.fullManager', { count: target.column.cards?.length ?? 0, limit: target.column.wip_limit })
                  : t('move.fullOther', { count: target.column.cards?.length ?? 0, limit: target.column.wip_limit })}
              </Text>
              {canManage && <Checkbox label={t('move.force')} checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />}
            </Stack>
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            {editing && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => confirmDelete(editing)}>
                {t('card.delete')}
              </Button>
            )}
          </Group>
          <Group gap="xs" ml="auto">
            <Button variant="default" onClick={onClose}>
              {tc('actions.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting} disabled={conflict === 'gone' || (full && !force)}>
              {editing ? tc('actions.save') : tc('actions.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
