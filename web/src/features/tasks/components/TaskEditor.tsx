import { Alert, Button, Divider, Modal, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmDanger, notifyDone, outcome } from '@/components/ui/confirm';
import { api, unwrap } from '@/lib/api/client';
import { isProblem } from '@/lib/api/problem';
import { useMembers } from '@/lib/queries/project';
import { useAllTasks, useCreateTask, useDeleteTask, useStageList, useUpdateTask, type Task } from '../api/tasks';
import { DependencyEditor } from './DependencyEditor';
import { createBody, TaskForm, updateBody, valuesOf } from './TaskForm';
import '../i18n';

interface Props {
  projectId: string;
  /** The task to edit; undefined: a new one. */
  task?: Task;
  canWrite: boolean;
  opened: boolean;
  onClose: () => void;
}

/** The task editor: fields, dependencies, delete; a modal (full screen on a phone). */
export function TaskEditor({ projectId, task, canWrite, opened, onClose }: Props) {
  const { t } = useTranslation('tasks');
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={!task ? t('form.new') : canWrite ? t('form.edit') : t('form.details')}
      size="lg"
      fullScreen={phone}
    >
      {opened && <EditorBody projectId={projectId} task={task} canWrite={canWrite} onClose={onClose} />}
    </Modal>
  );
}

function EditorBody({ projectId, task, canWrite, onClose }: Omit<Props, 'opened'>) {
  const { t, i18n } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const members = useMembers(projectId);
  const stages = useStageList(projectId);
  const allTasks = useAllTasks(projectId);
  const create = useCreateTask(projectId);
  const update = useUpdateTask();
  const remove = useDeleteTask();
  // The version the user's edit is based on: a 412 moves it to the version now stored, so
  // that saving again (after reading the explanation) applies the user's changes on top.
  const [base, setBase] = useState(task);
  const [conflict, setConflict] = useState(false);
  const initial = valuesOf(task);
  const latest = task && allTasks.data?.find((other) => other.id === task.id);
  const changedMeanwhile = !!base && !!latest && latest.version > base.version;
  const known = new Map((allTasks.data ?? []).map((other) => [other.id, other.title]));

  const confirmDelete = (target: Task) =>
    confirmDanger({
      title: tc('actions.delete'),
      message: t('form.deleteConfirm', { title: target.title }),
      onConfirm: () => remove.mutate(base ?? target, outcome(t('form.deleted'), onClose)),
    });

  return (
    <>
      <TaskForm
        initial={initial}
        currentStatus={task?.status}
        members={members.data?.items ?? []}
        stages={stages.data?.items ?? []}
        readOnly={!canWrite}
        known={known}
        submitLabel={task ? tc('actions.save') : tc('actions.create')}
        onCancel={onClose}
        notice={
          conflict ? (
            <Alert color="yellow" role="alert" data-testid="task-conflict">
              {tc('errors.versionMismatch')}
            </Alert>
          ) : (
            changedMeanwhile && (
              <Alert color="yellow" role="status">
                {t('form.changedMeanwhile')}
              </Alert>
            )
          )
        }
        extraActions={
          task &&
          canWrite && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => confirmDelete(task)}>
              {tc('actions.delete')}
            </Button>
          )
        }
        onSubmit={async (values) => {
          if (!task || !base) {
            const created = await create.mutateAsync(createBody(values, i18n.language));
            notifyDone(t('form.created', { title: created.title }));
            onClose();
            return;
          }
          try {
            await update.mutateAsync({ task: base, input: updateBody(initial, values, i18n.language) });
          } catch (error) {
            if (isProblem(error, 412)) {
              setConflict(true);
              setBase(await unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } })));
              return;
            }
            throw error;
          }
          notifyDone(tc('states.saved'));
          onClose();
        }}
      />
      {task && (
        <>
          <Divider my="md" />
          <DependencyEditor projectId={projectId} task={task} canWrite={canWrite} allTasks={allTasks.data ?? []} />
        </>
      )}
      {!task && canWrite && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('deps.saveFirst')}
        </Text>
      )}
    </>
  );
}
