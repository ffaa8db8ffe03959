import { ActionIcon, Alert, Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowsShuffle, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyDone, notifyFailed } from '@/components/ui/confirm';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { useAddDependency, useDependencies, useRemoveDependency } from '../api/dependencies';
import type { Task } from '../api/tasks';
import { cycleOf } from '../lib/conflict';
import { NamedTaskList, TaskStatusBadge } from './TaskBits';
import '../i18n';

interface Props {
  projectId: string;
  task: Task;
  canWrite: boolean;
  /** Every task of the project (the picker's choices and the titles in a cycle). */
  allTasks: Task[];
}

/** The tasks this one waits for: list, remove, and add from a searchable list. */
export function DependencyEditor({ projectId, task, canWrite, allTasks }: Props) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const dependencies = useDependencies(projectId, task.id);
  const add = useAddDependency(projectId, task.id);
  const remove = useRemoveDependency(projectId, task.id);
  const [picked, setPicked] = useState<string | null>(null);
  const items = dependencies.data?.items ?? [];
  const taken = new Set(items.map((d) => d.depends_on_id));
  const options = allTasks
    .filter((other) => other.id !== task.id && !taken.has(other.id))
    .map((other) => ({ value: other.id, label: other.title }));
  const known = new Map(allTasks.map((other) => [other.id, other.title]));
  const cycle = add.isError ? cycleOf(add.error) : null;

  const addPicked = () => {
    if (!picked) return;
    add.mutate(picked, {
      onSuccess: (dependency) => {
        setPicked(null);
        notifyDone(t('deps.added', { title: dependency.depends_on_title }));
      },
    });
  };

  return (
    <Stack gap="xs" data-testid="dependencies">
      <Title order={3} size="h5">
        {t('deps.title')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('deps.hint')}
      </Text>
      {dependencies.isPending ? (
        <Loader size="xs" aria-label={tc('states.loading')} />
      ) : dependencies.isError ? (
        <ErrorAlert error={dependencies.error} onRetry={() => void dependencies.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deps.none')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('deps.title')}>
          {items.map((dependency) => (
            <Group key={dependency.depends_on_id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <TaskStatusBadge status={dependency.depends_on_status} />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {known.get(dependency.depends_on_id) ?? dependency.depends_on_title}
                </Text>
              </Group>
              {canWrite && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  loading={remove.isPending && remove.variables === dependency.depends_on_id}
                  aria-label={t('deps.remove', { title: dependency.depends_on_title })}
                  onClick={() =>
                    remove.mutate(dependency.depends_on_id, {
                      onError: (error) => notifyFailed(error),
                    })
                  }
                >
                  <IconX size={16} />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canWrite && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={t('deps.add')}
            placeholder={t('deps.pick')}
            data={options}
            value={picked}
            onChange={(value) => {
              setPicked(value);
              add.reset();
            }}
            searchable
            clearable
            limit={50}
            nothingFoundMessage={tc('states.noMatches')}
            style={{ flex: '1 1 220px' }}
            comboboxProps={{ withinPortal: true }}
          />
          <Button variant="light" onClick={addPicked} disabled={!picked} loading={add.isPending}>
            {tc('actions.add')}
          </Button>
        </Group>
      )}
      {cycle ? (
        <Alert color="orange" icon={<IconArrowsShuffle size={18} aria-hidden />} role="alert" title={t('deps.cycle')}>
          <NamedTaskList tasks={cycle} known={known} ordered />
          <Text size="xs" mt={4}>
            {t('deps.cycleHint')}
          </Text>
        </Alert>
      ) : (
        add.isError && <ErrorAlert error={add.error} />
      )}
    </Stack>
  );
}
