import { zodResolver } from '@hookform/resolvers/zod';
import { Autocomplete, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { useFormSubmit } from '@/lib/formSubmit';
import type { Supplier } from '@/lib/queries/types';
import { FormButtons, FormMessage, optionalEmail, text, textField } from './formParts';
import { parseRating } from './rating';
import '../i18n';

export interface SupplierValues {
  name: string;
  contact_person: string;
  email: string;
  phone: string;
  address: string;
  category: string;
  /** As typed, in the user's language (`4,5`). */
  rating: string;
  is_active: boolean;
  notes: string;
}

const FIELDS = ['name', 'contact_person', 'email', 'phone', 'address', 'category', 'rating', 'is_active', 'notes'] as const;

function schema(t: (key: string, options?: Record<string, unknown>) => string, language: string) {
  return z.object({
    name: z.string().trim().min(1, t('form.required')).max(200, t('form.tooLong', { max: 200 })),
    contact_person: textField(t, 200),
    email: optionalEmail(t),
    phone: textField(t, 50),
    address: textField(t, 1000),
    category: textField(t, 100),
    rating: z.string().refine((v) => v.trim() === '' || parseRating(v, language) !== null, t('suppliers.ratingFormat')),
    is_active: z.boolean(),
    notes: textField(t, 10_000),
  });
}

export function supplierValues(supplier?: Supplier): SupplierValues {
  return {
    name: supplier?.name ?? '',
    contact_person: supplier?.contact_person ?? '',
    email: supplier?.email ?? '',
    phone: supplier?.phone ?? '',
    address: supplier?.address ?? '',
    category: supplier?.category ?? '',
    rating: supplier?.rating ? formatNumber(supplier.rating, 2) : '',
    is_active: supplier?.is_active ?? true,
    notes: supplier?.notes ?? '',
  };
}

/** The form's values as the API's create/update body: empty texts clear the field. */
export function supplierBody(values: SupplierValues, language: string) {
  return {
    name: values.name.trim(),
    contact_person: text(values.contact_person),
    email: text(values.email),
    phone: text(values.phone),
    address: text(values.address),
    category: text(values.category),
    // An unparsable rating is sent as typed: the server's 422 then names the field.
    rating: values.rating.trim() === '' ? null : (parseRating(values.rating, language) ?? values.rating.trim()),
    is_active: values.is_active,
    notes: text(values.notes),
  };
}

interface Props {
  initial: SupplierValues;
  /** Categories in use, offered while typing. */
  categories: string[];
  submitLabel: string;
  onSubmit: (values: SupplierValues) => Promise<unknown>;
  onCancel: () => void;
  /** After a 412: fetches the latest version for the form to show. */
  onReload?: () => Promise<SupplierValues | undefined>;
}

export function SupplierForm({ initial, categories, submitLabel, onSubmit, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation('directory');
  const form = useForm<SupplierValues>({ resolver: zodResolver(schema(t, i18n.language)), defaultValues: initial });
  const { message, conflict, submit, clear } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;

  const reload = async () => {
    const latest = await onReload?.();
    if (latest) {
      form.reset(latest);
      clear();
    }
  };

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} conflict={conflict} onReload={onReload && (() => void reload())} />
        <TextInput {...form.register('name')} label={t('fields.name')} required error={errors.name?.message} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="category"
            render={({ field }) => (
              <Autocomplete
                label={t('suppliers.category')}
                description={t('suppliers.categoryHint')}
                data={categories}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors.category?.message}
              />
            )}
          />
          <TextInput
            {...form.register('rating')}
            label={t('suppliers.rating')}
            description={t('suppliers.ratingFormat')}
            inputMode="decimal"
            error={errors.rating?.message}
          />
          <TextInput {...form.register('contact_person')} label={t('fields.contactPerson')} error={errors.contact_person?.message} />
          <TextInput {...form.register('email')} label={t('fields.email')} type="email" autoComplete="off" error={errors.email?.message} />
          <TextInput {...form.register('phone')} label={t('fields.phone')} type="tel" error={errors.phone?.message} />
        </SimpleGrid>
        <Textarea {...form.register('address')} label={t('fields.address')} autosize minRows={2} maxRows={5} error={errors.address?.message} />
        <Textarea {...form.register('notes')} label={t('fields.notes')} autosize minRows={2} maxRows={8} error={errors.notes?.message} />
        <Controller
          control={form.control}
          name="is_active"
          render={({ field }) => (
            <Switch
              label={t('suppliers.active')}
              description={t('suppliers.activeHint')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              error={errors.is_active?.message}
            />
          )}
        />
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
