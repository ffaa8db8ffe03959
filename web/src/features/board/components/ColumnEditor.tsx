import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, ColorInput, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/forms';
import { fetchColumn, useCreateColumn, useUpdateColumn, type UpdateColumn } from '../api/board';
import type { Column } from '../lib/reorder';
import '../i18n';

const STATUSES = ['TODO', 'IN_PROGRESS', 'REVIEW', 'DONE', 'BLOCKED'] as const;
const SWATCHES = ['#868E96', '#228BE6', '#15AABF', '#40C057', '#FAB005', '#FD7E14', '#FA5252', '#BE4BDB', '#7950F2'];
const FIELDS = ['name', 'color', 'wip_limit', 'maps_to_status'] as const;

interface ColumnValues {
  name: string;
  color: string;
  wip_limit: number | null;
  maps_to_status: string | null;
}

export type ColumnTarget = { kind: 'new'; after: Column | undefined } | { kind: 'edit'; column: Column };

interface Props {
  projectId: string;
  boardId: string;
  target: ColumnTarget | null;
  onClose: () => void;
}

export function ColumnEditor({ target, ...rest }: Props) {
  const { t } = useTranslation('board');
  return (
    <Modal opened={target !== null} onClose={rest.onClose} title={target?.kind === 'edit' ? t('column.edit') : t('column.add')}>
      {target && <ColumnForm key={target.kind === 'edit' ? target.column.id : 'new'} target={target} {...rest} />}
    </Modal>
  );
}

function ColumnForm({ projectId, boardId, target, onClose }: Props & { target: ColumnTarget }) {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const column = target.kind === 'edit' ? target.column : undefined;
  const initial: ColumnValues = {
    name: column?.name ?? '',
    color: column?.color ?? '#868E96',
    wip_limit: column?.wip_limit ?? null,
    maps_to_status: column?.maps_to_status ?? null,
  };
  const create = useCreateColumn(projectId, boardId);
  const update = useUpdateColumn(projectId, boardId);
  const [base, setBase] = useState(column);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const schema = z.object({
    name: z.string().trim().min(1, tc('errors.validation')).max(100),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, t('column.colorFormat')),
    wip_limit: z.number().int().min(1, t('column.wipRange')).max(1000, t('column.wipRange')).nullable(),
    maps_to_status: z.string().nullable(),
  });
  const form = useForm<ColumnValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const errors = form.formState.errors;
  const cardCount = column ? (column.cards?.length ?? column.card_count) : 0;

  const submit = async (values: ColumnValues) => {
    setMessage(null);
    try {
      if (!base) {
        await create.mutateAsync({
          name: values.name.trim(),
          color: values.color.toUpperCase(),
          wip_limit: values.wip_limit ?? undefined,
          maps_to_status: values.maps_to_status ?? undefined,
          after_id: target.kind === 'new' ? (target.after?.id ?? undefined) : undefined,
        });
      } else {
        const body: UpdateColumn = {};
        if (values.name.trim() !== initial.name) body.name = values.name.trim();
        if (values.color.toUpperCase() !== initial.color.toUpperCase()) body.color = values.color.toUpperCase();
        if (values.wip_limit !== initial.wip_limit) body.wip_limit = values.wip_limit;
        if (values.maps_to_status !== initial.maps_to_status) body.maps_to_status = values.maps_to_status;
        try {
          await update.mutateAsync({ column: base, input: body });
        } catch (error) {
          if (!isProblem(error, 412)) throw error;
          // Someone else changed the column: explain, and base a second save on what is stored.
          setConflict(true);
          setBase(await fetchColumn(base.id));
          return;
        }
      }
      notifications.show({ message: tc('states.saved'), color: 'green' });
      onClose();
    } catch (error) {
      const rest = applyServerErrors(error, FIELDS, form.setError);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, tc));
    }
  };

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict && (
          <Alert color="yellow" role="alert">
            {tc('errors.versionMismatch')}
          </Alert>
        )}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput {...form.register('name')} label={t('column.name')} required error={errors.name?.message} data-autofocus />
        <Controller
          control={form.control}
          name="color"
          render={({ field }) => (
            <ColorInput
              label={t('column.color')}
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={9}
              value={field.value}
              onChange={field.onChange}
              error={errors.color?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="wip_limit"
          render={({ field }) => (
            <NumberInput
              label={t('column.wipLimit')}
              placeholder={t('column.noLimit')}
              min={1}
              max={1000}
              allowDecimal={false}
              allowNegative={false}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(v === '' || v === undefined ? null : Number(v))}
              description={
                field.value !== null && cardCount > 0 && field.value <= cardCount
                  ? t('column.wipBelowCount', { count: cardCount })
                  : undefined
              }
              error={errors.wip_limit?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="maps_to_status"
          render={({ field }) => (
            <Select
              label={t('column.mapsTo')}
              description={t('column.mapsToHint')}
              placeholder={t('column.noMapping')}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={field.value}
              onChange={field.onChange}
              clearable
              error={errors.maps_to_status?.message}
            />
          )}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {tc('actions.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {base ? tc('actions.save') : tc('actions.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
