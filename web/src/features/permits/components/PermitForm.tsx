import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormButtons, FormDateField, FormMessage, FormMoneyField, FormSelect } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
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

/** The fields create and update send alike. */
function common(values: PermitValues) {
  return {
    name: values.name.trim(),
    authority: text(values.authority),
    reference_number: text(values.reference_number),
    application_date: values.application_date,
    approval_date: values.approval_date,
    expiry_date: values.expiry_date,
    notes: text(values.notes),
  };
}

export function toCreateBody(values: PermitValues, showCost: boolean): CreatePermit {
  return {
    ...common(values),
    permit_type: values.permit_type ?? '',
    status: values.status,
    ...(showCost && values.cost ? { cost: values.cost } : {}),
  };
}

/** Every field the form shows (the status moves through its own actions). */
export function toUpdateBody(values: PermitValues, showCost: boolean): UpdatePermit {
  return {
    ...common(values),
    permit_type: values.permit_type,
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
  // Text in the fee field that is no amount (yet): blocks saving, shown at the field.
  const [costInvalid, setCostInvalid] = useState(false);
  const form = useForm<PermitValues>({ resolver: zodResolver(schema(t)), defaultValues: initial });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;

  const save = async (values: PermitValues) => {
    if (costInvalid) {
      form.setError('cost', { message: t('form.costFormat') }, { shouldFocus: true });
      return;
    }
    await onSubmit(values);
  };


  return (
    <form onSubmit={form.handleSubmit(submit(save))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} />
        <TextInput {...form.register('name')} label={t('form.name')} required error={errors.name?.message} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <FormSelect
            control={form.control}
            name="permit_type"
            label={t('form.type')}
            required
            data={PERMIT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
            allowDeselect={false}
            error={errors.permit_type?.message}
          />
          {creating && (
            <FormSelect
              control={form.control}
              name="status"
              label={t('form.status')}
              description={t('form.statusHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              allowDeselect={false}
              error={errors.status?.message}
            />
          )}
          <TextInput {...form.register('authority')} label={t('form.authority')} error={errors.authority?.message} />
          <TextInput
            {...form.register('reference_number')}
            label={t('form.reference')}
            error={errors.reference_number?.message}
          />
          <FormDateField control={form.control} name="application_date" label={t('form.applicationDate')} error={errors.application_date?.message} />
          <FormDateField control={form.control} name="approval_date" label={t('form.approvalDate')} error={errors.approval_date?.message} />
          <FormDateField control={form.control} name="expiry_date" label={t('form.expiryDate')} error={errors.expiry_date?.message} />
          {showCost && (
            <FormMoneyField form={form} name="cost" label={t('form.cost')} invalid={t('form.costFormat')} currency={currency} onValidity={(valid) => setCostInvalid(!valid)} />
          )}
        </SimpleGrid>
        <Textarea {...form.register('notes')} label={t('form.notes')} autosize minRows={2} maxRows={8} error={errors.notes?.message} />
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
