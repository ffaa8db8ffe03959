import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MoneyInput } from '@/components/ui/MoneyInput';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { localizeFieldProblems } from '@/lib/fieldErrors';
import { calendarLabels } from '@/lib/calendarLabels';
import { applyServerErrors } from '@/lib/forms';
import { useCan } from '@/lib/queries/me';
import { useSuppliers, useWorkspaceProject } from '@/lib/queries/project';
import type { CreateTransport, Transport, UpdateTransport } from '../api/transports';
import { MAX_CARRIED } from '../carried';
import { TRANSPORT_STATUSES, TRANSPORT_TYPES } from '../status';
import { BomLinePicker } from './BomLinePicker';
import '../i18n';

export interface TransportValues {
  logistics_type: string | null;
  status: string;
  description: string;
  from_location: string;
  to_location: string;
  /** Local date and time as the picker holds it: `YYYY-MM-DD HH:mm:ss`. */
  scheduled_at: string | null;
  vehicle: string;
  contact: string;
  supplier_id: string | null;
  cost: string | null;
  notes: string;
  /** The BOM lines the transport carries (ids of the project's BOM items). */
  bom_item_ids: string[];
}

const FIELDS = [
  'logistics_type',
  'status',
  'description',
  'from_location',
  'to_location',
  'scheduled_at',
  'vehicle',
  'contact',
  'supplier_id',
  'cost',
  'notes',
  'bom_item_ids',
] as const;

function schema(t: (key: string, options?: Record<string, unknown>) => string) {
  const max = (n: number) => z.string().max(n, t('form.tooLong', { count: n }));
  return z.object({
    logistics_type: z.string().nullable().refine((v) => v !== null && v !== '', t('form.required')),
    status: z.string(),
    description: max(500).trim().min(1, t('form.required')),
    from_location: max(500),
    to_location: max(500),
    scheduled_at: z.string().nullable(),
    vehicle: max(100),
    contact: max(200),
    supplier_id: z.string().nullable(),
    cost: z.string().nullable(),
    notes: max(10_000),
    bom_item_ids: z.array(z.string()).max(MAX_CARRIED, t('carried.max', { max: MAX_CARRIED })),
  });
}

/** An instant from the API as the picker's local `YYYY-MM-DD HH:mm:ss`. */
export function toPickerValue(instant: string | null | undefined): string | null {
  return instant ? dayjs(instant).format('YYYY-MM-DD HH:mm:ss') : null;
}

/** The picker's local date and time as an instant for the API. */
export function fromPickerValue(value: string | null): string | null {
  return value ? dayjs(value).toISOString() : null;
}

export function valuesOf(transport?: Transport): TransportValues {
  return {
    logistics_type: transport?.logistics_type ?? null,
    status: transport?.status ?? 'PLANNED',
    description: transport?.description ?? '',
    from_location: transport?.from_location ?? '',
    to_location: transport?.to_location ?? '',
    scheduled_at: toPickerValue(transport?.scheduled_at),
    vehicle: transport?.vehicle ?? '',
    contact: transport?.contact ?? '',
    supplier_id: transport?.supplier_id ?? null,
    cost: transport?.cost ?? null,
    notes: transport?.notes ?? '',
    bom_item_ids: transport?.bom_item_ids ?? [],
  };
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

function common(values: TransportValues) {
  return {
    description: values.description.trim(),
    from_location: text(values.from_location),
    to_location: text(values.to_location),
    scheduled_at: fromPickerValue(values.scheduled_at),
    vehicle: text(values.vehicle),
    contact: text(values.contact),
    notes: text(values.notes),
  };
}

/** `withSupplier`: the caller may read suppliers (else the field is not shown and not sent). */
export function toCreateBody(values: TransportValues, showCost: boolean, withSupplier: boolean): CreateTransport {
  return {
    ...common(values),
    logistics_type: values.logistics_type ?? '',
    status: values.status,
    ...(withSupplier && values.supplier_id ? { supplier_id: values.supplier_id } : {}),
    ...(showCost && values.cost ? { cost: values.cost } : {}),
    ...(values.bom_item_ids.length > 0 ? { bom_item_ids: values.bom_item_ids } : {}),
  };
}

/** Every field the form shows (the status moves through its own actions). */
export function toUpdateBody(values: TransportValues, showCost: boolean, withSupplier: boolean): UpdateTransport {
  return {
    ...common(values),
    logistics_type: values.logistics_type,
    ...(withSupplier ? { supplier_id: values.supplier_id } : {}),
    // An emptied cost is no cost.
    ...(showCost ? { cost: values.cost ?? '0' } : {}),
    // Replaces the carried lines with the ones the form shows.
    bom_item_ids: values.bom_item_ids,
  };
}

interface Props {
  initial: TransportValues;
  creating: boolean;
  showCost: boolean;
  currency: string;
  /** The month the date picker opens on when there is no date yet (the build-up). */
  defaultMonth: string;
  submitLabel: string;
  onSubmit: (values: TransportValues, withSupplier: boolean) => Promise<unknown>;
  onCancel: () => void;
}

/** Create and edit form of a transport; the server's 422 errors appear next to their fields. */
export function TransportForm({ initial, creating, showCost, currency, defaultMonth, submitLabel, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation('logistics');
  const { t: tc } = useTranslation();
  const withSupplier = useCan('suppliers:read');
  // The transport's project: its BOM lines are the ones a transport may carry.
  const project = useWorkspaceProject();
  const suppliers = useSuppliers(withSupplier);
  const [message, setMessage] = useState<string | null>(null);
  const [costInvalid, setCostInvalid] = useState(false);
  const form = useForm<TransportValues>({ resolver: zodResolver(schema(t)), defaultValues: initial });
  const errors = form.formState.errors;
  const supplierOptions = (suppliers.data?.items ?? [])
    .filter((s) => s.is_active || s.id === initial.supplier_id)
    .map((s) => ({ value: s.id, label: s.name }));

  const submit = async (values: TransportValues) => {
    setMessage(null);
    if (costInvalid) {
      form.setError('cost', { message: t('form.costFormat') }, { shouldFocus: true });
      return;
    }
    try {
      await onSubmit(values, withSupplier);
    } catch (raw) {
      const error = localizeFieldProblems(raw, (p) =>
        p.field === 'scheduled_at' && p.code === 'required'
          ? t('serverErrors.needsDate')
          : t(`serverErrors.${p.code}`, { defaultValue: '' }) || undefined,
      );
      const rest = applyServerErrors(error, FIELDS, form.setError);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, tc));
    }
  };

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="logistics_type"
            render={({ field }) => (
              <Select
                label={t('form.type')}
                required
                data={TRANSPORT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
                value={field.value}
                onChange={field.onChange}
                allowDeselect={false}
                error={errors.logistics_type?.message}
                data-autofocus
              />
            )}
          />
          {creating && (
            <Controller
              control={form.control}
              name="status"
              render={({ field }) => (
                <Select
                  label={t('form.status')}
                  data={TRANSPORT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'PLANNED')}
                  allowDeselect={false}
                  error={errors.status?.message}
                />
              )}
            />
          )}
        </SimpleGrid>
        <TextInput
          {...form.register('description')}
          label={t('form.description')}
          required
          error={errors.description?.message}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput {...form.register('from_location')} label={t('form.from')} error={errors.from_location?.message} />
          <TextInput {...form.register('to_location')} label={t('form.to')} error={errors.to_location?.message} />
          <Controller
            control={form.control}
            name="scheduled_at"
            render={({ field }) => (
              <DateTimePicker
                label={t('form.scheduledAt')}
                description={t('form.scheduledHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={field.value}
                onChange={field.onChange}
                clearable
                defaultDate={defaultMonth}
                ariaLabels={calendarLabels(t)}
                valueFormat={i18n.language === 'de' ? 'DD.MM.YYYY HH:mm' : 'DD/MM/YYYY HH:mm'}
                timePickerProps={{ hoursInputLabel: t('form.hours'), minutesInputLabel: t('form.minutes') }}
                submitButtonProps={{ 'aria-label': t('form.confirmDateTime') }}
                error={errors.scheduled_at?.message}
              />
            )}
          />
          <TextInput {...form.register('vehicle')} label={t('form.vehicle')} error={errors.vehicle?.message} />
          <TextInput {...form.register('contact')} label={t('form.contact')} error={errors.contact?.message} />
          {withSupplier && (
            <Controller
              control={form.control}
              name="supplier_id"
              render={({ field }) => (
                <Select
                  label={t('form.supplier')}
                  placeholder={t('form.noSupplier')}
                  data={supplierOptions}
                  value={field.value}
                  onChange={field.onChange}
                  searchable
                  clearable
                  nothingFoundMessage={tc('states.noMatches')}
                  error={errors.supplier_id?.message}
                />
              )}
            />
          )}
          {showCost && (
            <Controller
              control={form.control}
              name="cost"
              render={({ field }) => (
                <MoneyInput
                  label={t('form.cost')}
                  value={field.value}
                  rightSection={
                    <Text size="xs" c="dimmed" aria-hidden>
                      {currency}
                    </Text>
                  }
                  rightSectionWidth={44}
                  onChange={(value, raw) => {
                    field.onChange(value);
                    const invalid = raw.trim() !== '' && value === null;
                    setCostInvalid(invalid);
                    if (invalid) form.setError('cost', { message: t('form.costFormat') });
                    else form.clearErrors('cost');
                  }}
                  error={errors.cost?.message}
                />
              )}
            />
          )}
        </SimpleGrid>
        <Controller
          control={form.control}
          name="bom_item_ids"
          render={({ field }) => (
            <BomLinePicker
              projectId={project.id}
              value={field.value}
              onChange={field.onChange}
              inputRef={field.ref}
              error={errors.bom_item_ids?.message}
            />
          )}
        />
        <Textarea {...form.register('notes')} label={t('form.notes')} autosize minRows={2} maxRows={8} error={errors.notes?.message} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {tc('actions.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
