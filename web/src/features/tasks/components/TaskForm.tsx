import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormDateField, FormMessage, FormSelect } from '@/components/ui/FormParts';
import { formatNumber } from '@/lib/format';
import { useFormSubmit } from '@/lib/forms';
import { parseDecimal } from '@/lib/money';
import type { Member, WorkflowStage } from '@/lib/queries/types';
import type { CreateTask, Task, UpdateTask } from '../api/tasks';
import { blockersOf } from '../lib/conflict';
import { PRIORITIES, statusChoices } from '../lib/status';
import { BlockersAlert, memberName } from './TaskBits';
import '../i18n';

export interface TaskValues {
  title: string;
  description: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  workflow_stage_id: string | null;
  start_date: string | null;
  due_date: string | null;
  /** Hours as typed, in the user's language (`2,5`). */
  estimated_hours: string;
  actual_hours: string;
}

const FIELDS = [
  'title',
  'description',
  'status',
  'priority',
  'assignee_id',
  'workflow_stage_id',
  'start_date',
  'due_date',
  'estimated_hours',
  'actual_hours',
] as const;

export function valuesOf(task?: Task): TaskValues {
  const hours = (value: string | null | undefined) => (value ? formatNumber(value, 2) : '');
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    status: task?.status ?? 'TODO',
    priority: task?.priority ?? 'MEDIUM',
    assignee_id: task?.assignee_id ?? null,
    workflow_stage_id: task?.workflow_stage_id ?? null,
    start_date: task?.start_date ?? null,
    due_date: task?.due_date ?? null,
    estimated_hours: hours(task?.estimated_hours),
    actual_hours: hours(task?.actual_hours),
  };
}

function schema(t: (key: string) => string, language: string) {
  const hours = z
    .string()
    .refine((v) => v.trim() === '' || (parseDecimal(v, language) ?? '-').match(/^\d+(\.\d{1,2})?$/) !== null, {
      message: t('form.hoursFormat'),
    });
  return z
    .object({
      title: z.string().trim().min(1, t('form.required')).max(200),
      description: z.string().max(10_000),
      status: z.string(),
      priority: z.string(),
      assignee_id: z.string().nullable(),
      workflow_stage_id: z.string().nullable(),
      start_date: z.string().nullable(),
      due_date: z.string().nullable(),
      estimated_hours: hours,
      actual_hours: hours,
    })
    .refine((v) => !v.start_date || !v.due_date || v.due_date >= v.start_date, {
      path: ['due_date'],
      message: t('form.dueBeforeStart'),
    });
}

function hoursOf(text: string, language: string): string | null {
  return text.trim() === '' ? null : parseDecimal(text, language);
}

/** The create body: empty fields left out. */
export function createBody(values: TaskValues, language: string): CreateTask {
  const description = values.description.trim();
  return {
    title: values.title.trim(),
    description: description || undefined,
    status: values.status,
    priority: values.priority,
    assignee_id: values.assignee_id ?? undefined,
    workflow_stage_id: values.workflow_stage_id ?? undefined,
    start_date: values.start_date ?? undefined,
    due_date: values.due_date ?? undefined,
    estimated_hours: hoursOf(values.estimated_hours, language) ?? undefined,
    actual_hours: hoursOf(values.actual_hours, language) ?? undefined,
  };
}

/**
 * The update body: only the fields the user changed, so that saving after someone else's
 * change (a 412, then saved again) overwrites nothing the user did not touch.
 */
export function updateBody(initial: TaskValues, values: TaskValues, language: string): UpdateTask {
  const body: UpdateTask = {};
  if (values.title.trim() !== initial.title) body.title = values.title.trim();
  if (values.description.trim() !== initial.description.trim()) body.description = values.description.trim() || null;
  if (values.status !== initial.status) body.status = values.status;
  if (values.priority !== initial.priority) body.priority = values.priority;
  if (values.assignee_id !== initial.assignee_id) body.assignee_id = values.assignee_id;
  if (values.workflow_stage_id !== initial.workflow_stage_id) body.workflow_stage_id = values.workflow_stage_id;
  if (values.start_date !== initial.start_date) body.start_date = values.start_date;
  if (values.due_date !== initial.due_date) body.due_date = values.due_date;
  if (values.estimated_hours !== initial.estimated_hours) body.estimated_hours = hoursOf(values.estimated_hours, language);
  if (values.actual_hours !== initial.actual_hours) body.actual_hours = hoursOf(values.actual_hours, language);
  return body;
}

interface Props {
  initial: TaskValues;
  /** The task's current status (an existing task offers only the moves it may make). */
  currentStatus?: string;
  members: Member[];
  stages: WorkflowStage[];
  readOnly: boolean;
  submitLabel: string;
  onSubmit: (values: TaskValues) => Promise<unknown>;
  onCancel: () => void;
  /** Extra content between the fields and the buttons (a conflict notice). */
  notice?: ReactNode;
  /** Left of the buttons (delete). */
  extraActions?: ReactNode;
  /** Titles of the project's tasks by id, to name blockers. */
  known?: Map<string, string>;
}

/** Create and edit form of a task; 422s land next to the fields, 409s are explained. */
export function TaskForm({ initial, currentStatus, members, stages, readOnly, submitLabel, onSubmit, onCancel, notice, extraActions, known }: Props) {
  const { t, i18n } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<TaskValues>({ resolver: zodResolver(schema(t, i18n.language)), defaultValues: initial });
  // A 409 naming the unfinished tasks this one waits for is listed by their titles.
  const { message, submit } = useFormSubmit(form, FIELDS, {
    handle: (error) => {
      if (!blockersOf(error)) return false;
      setProblem(error);
      return true;
    },
  });
  const errors = form.formState.errors;
  const assigned = new Set(members.map((m) => m.user_id));
  const memberOptions = members.map((m) => ({ value: m.user_id, label: memberName(m) }));
  if (initial.assignee_id && !assigned.has(initial.assignee_id)) {
    memberOptions.push({ value: initial.assignee_id, label: t('form.formerMember') });
  }
  const blockers = blockersOf(problem);

  const save = (values: TaskValues) => {
    setProblem(null);
    return onSubmit(values);
  };

  return (
    <form onSubmit={form.handleSubmit(submit(save))} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <FormMessage message={message} />
          {blockers && <BlockersAlert blockers={blockers} known={known} />}
          {notice}
          <TextInput {...form.register('title')} label={t('form.title')} required error={errors.title?.message} data-autofocus />
          <Textarea
            {...form.register('description')}
            label={t('form.description')}
            autosize
            minRows={2}
            maxRows={8}
            error={errors.description?.message}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <FormSelect
              control={form.control}
              name="status"
              label={t('form.status')}
              data={statusChoices(currentStatus).map((s) => ({ value: s, label: t(`status.${s}`) }))}
              allowDeselect={false}
              error={errors.status?.message}
            />
            <FormSelect
              control={form.control}
              name="priority"
              label={t('form.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              allowDeselect={false}
              error={errors.priority?.message}
            />
            <FormSelect
              control={form.control}
              name="assignee_id"
              label={t('form.assignee')}
              placeholder={t('form.unassigned')}
              data={memberOptions}
              searchable
              clearable
              nothingFoundMessage={tc('states.noMatches')}
              error={errors.assignee_id?.message}
            />
            <FormSelect
              control={form.control}
              name="workflow_stage_id"
              label={t('form.stage')}
              placeholder={t('form.noStage')}
              data={stages.map((s) => ({ value: s.id, label: s.name }))}
              clearable
              error={errors.workflow_stage_id?.message}
            />
            {(['start_date', 'due_date'] as const).map((name) => (
              <FormDateField
                key={name}
                control={form.control}
                name={name}
                label={name === 'start_date' ? t('form.startDate') : t('form.dueDate')}
                clearButtonProps={{ 'aria-label': t('form.clearDate') }}
                error={errors[name]?.message}
                disabled={readOnly}
              />
            ))}
            <TextInput
              {...form.register('estimated_hours')}
              label={t('form.estimatedHours')}
              inputMode="decimal"
              error={errors.estimated_hours?.message}
            />
            <TextInput
              {...form.register('actual_hours')}
              label={t('form.actualHours')}
              inputMode="decimal"
              error={errors.actual_hours?.message}
            />
          </SimpleGrid>
        </Stack>
      </fieldset>
      <Group justify="space-between" gap="xs" mt="md">
        <Group gap="xs">{extraActions}</Group>
        <Group gap="xs" ml="auto">
          <Button variant="default" onClick={onCancel}>
            {readOnly ? tc('actions.close') : tc('actions.cancel')}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={form.formState.isSubmitting}>
              {submitLabel}
            </Button>
          )}
        </Group>
      </Group>
    </form>
  );
}
