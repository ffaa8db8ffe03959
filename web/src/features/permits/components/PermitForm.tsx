import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DateField } from '@/components/ui/DateField';
import { MoneyInput } from '@/components/ui/MoneyInput';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { localizeFieldProblems } from '@/lib/fieldProblems';
import { calendarLabels } from '@/lib/calendarLabels';
import { applyServerErrors } from '@/lib/forms';
import type { CreatePermit, Permit, UpdatePermit } from '../api/permits';
import { PERMIT_STATUSES, PERMIT_TYPES } from '../status';
import '../i18n';

export interface PermitValues {
  name: string;
  permit_type: string | null;
  status: string;
  authority: string;
  reference_number: string;
  application_date: string | null;
  approval_date: string | null;
  expiry_date: string | null;
  cost: string | null;
  notes: string;
}

const FIELDS = [
  'name',
  'permit_type',
  'status',
  'authority',
  'reference_number',
  'application_date',
  'approval_date',
  'expiry_date',
  'cost',
  'notes',
] as const;

function schema(t: (key: string, options?: Record<string, unknown>) => string) {
  const max = (n: number) => z.string().max(n, t('form.tooLong', { count: n }));
  // The date order (approval after application, expiry after approval) is the server's rule;
  // its 422 lands on the fields like any other.
  return z.object({
    name: max(200).trim().min(1, t('form.required')),
    permit_type: z.string().nullable().refine((v) => v !== null && v !== '', t('form.required')),
    status: z.string(),
    authority: max(200),
    reference_number: max(100),
    application_date: z.string().nullable(),
    approval_date: z.string().nullable(),
    expiry_date: z.string().nullable(),
    cost: z.string().nullable(),
    notes: max(10_000),
  });
}

export function valuesOf(permit?: Permit): PermitValues {
  return {
    name: permit?.name ?? '',
    permit_type: permit?.permit_type ?? null,
    status: permit?.status ?? 'PENDING',
    authority: permit?.authority ?? '',
    reference_number: permit?.reference_number ?? '',
    application_date: permit?.application_date ?? null,
    approval_date: permit?.approval_date ?? null,
    expiry_date: permit?.expiry_date ?? null,
    cost: permit?.cost ?? null,
    notes: permit?.notes ?? '',
  };
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

export function toCreateBody(values: PermitValues, showCost: boolean): CreatePermit {
  return {
    name: values.name.trim(),
    permit_type: values.permit_type ?? '',
    status: values.status,
    authority: text(values.authority),
    reference_number: text(values.reference_number),
    application_date: values.application_date,
    approval_date: values.approval_date,
    expiry_date: values.expiry_date,
    notes: text(values.notes),
    ...(showCost && values.cost ? { cost: values.cost } : {}),
  };
}

/** Every field the form shows (the status moves through its own actions). */
export function toUpdateBody(values: PermitValues, showCost: boolean): UpdatePermit {
  return {
    name: values.name.trim(),
    permit_type: values.permit_type,
    authority: text(values.authority),
    reference_number: text(values.reference_number),
    application_date: values.application_date,
    approval_date: values.approval_date,
    expiry_date: values.expiry_date,
    notes: text(values.notes),
    // An emptied fee is no fee.
    ...(showCost ? { cost: values.cost ?? '0' } : {}),
  };
}

interface Props {
  initial: PermitValues;
  /** Creating offers the starting status (an application already under way). */
  creating: boolean;
  /** The fee field, only for those who see costs. */
  showCost: boolean;
  currency: string;
  submitLabel: string;
  onSubmit: (values: PermitValues) => Promise<unknown>;
  onCancel: () => void;
}

/** Create and edit form of a permit; the server's 422 errors appear next to their fields. */
export function PermitForm({ initial, creating, showCost, currency, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('permits');
  const { t: tc } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  // Text in the fee field that is no amount (yet): blocks saving, shown at the field.
  const [costInvalid, setCostInvalid] = useState(false);
  const form = useForm<PermitValues>({ resolver: zodResolver(schema(t)), defaultValues: initial });
  const errors = form.formState.errors;

  const submit = async (values: PermitValues) => {
    setMessage(null);
    if (costInvalid) {
      form.setError('cost', { message: t('form.costFormat') }, { shouldFocus: true });
      return;
    }
    try {
      await onSubmit(values);
    } catch (raw) {
      const error = localizeFieldProblems(raw, (p) =>
        t(`serverErrors.${p.code}`, { defaultValue: '' }) || undefined,
      );
      const rest = applyServerErrors(error, FIELDS, form.setError);
      if (!isProblem(error, 422) || rest.length > 0) setMessage(rest.join(' ') || errorMessage(error, tc));
    }
  };

  const dateField = (name: 'application_date' | 'approval_date' | 'expiry_date', label: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <DateField
          label={label}
          value={field.value}
          onChange={field.onChange}
          error={errors[name]?.message}
          ariaLabels={calendarLabels(t)}
        />
      )}
    />
  );

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput {...form.register('name')} label={t('form.name')} required error={errors.name?.message} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="permit_type"
            render={({ field }) => (
              <Select
                label={t('form.type')}
                required
                data={PERMIT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
                value={field.value}
                onChange={field.onChange}
                allowDeselect={false}
                error={errors.permit_type?.message}
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
                  description={t('form.statusHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  data={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'PENDING')}
                  allowDeselect={false}
                  error={errors.status?.message}
                />
              )}
            />
          )}
          <TextInput {...form.register('authority')} label={t('form.authority')} error={errors.authority?.message} />
          <TextInput
            {...form.register('reference_number')}
            label={t('form.reference')}
            error={errors.reference_number?.message}
          />
          {dateField('application_date', t('form.applicationDate'))}
          {dateField('approval_date', t('form.approvalDate'))}
          {dateField('expiry_date', t('form.expiryDate'))}
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
