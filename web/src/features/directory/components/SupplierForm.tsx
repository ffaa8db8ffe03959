import { zodResolver } from '@hookform/resolvers/zod';
import { Autocomplete, Switch, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import type { Supplier } from '@/lib/queries/types';
import { ContactForm } from './ContactForm';
import { CONTACT_FIELDS, contactBody, contactRules, contactValues, text, textField, type ContactValues } from './formParts';
import { parseRating } from './rating';
import '../i18n';

export interface SupplierValues extends ContactValues {
  category: string;
  /** As typed, in the user's language (`4,5`). */
  rating: string;
  is_active: boolean;
}

const FIELDS = [...CONTACT_FIELDS, 'category', 'rating', 'is_active'] as const;

function schema(t: (key: string, options?: Record<string, unknown>) => string, language: string) {
  return z.object({
    ...contactRules(t),
    category: textField(t, 100),
    rating: z.string().refine((v) => v.trim() === '' || parseRating(v, language) !== null, t('suppliers.ratingFormat')),
    is_active: z.boolean(),
  });
}

export function supplierValues(supplier?: Supplier): SupplierValues {
  return {
    ...contactValues(supplier),
    category: supplier?.category ?? '',
    rating: supplier?.rating ? formatNumber(supplier.rating, 2) : '',
    is_active: supplier?.is_active ?? true,
  };
}

/** The form's values as the API's create/update body: empty texts clear the field. */
export function supplierBody(values: SupplierValues, language: string) {
  return {
    ...contactBody(values),
    category: text(values.category),
    // An unparsable rating is sent as typed: the server's 422 then names the field.
    rating: values.rating.trim() === '' ? null : (parseRating(values.rating, language) ?? values.rating.trim()),
    is_active: values.is_active,
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

export function SupplierForm({ initial, categories, ...rest }: Props) {
  const { t, i18n } = useTranslation('directory');
  const form = useForm<SupplierValues>({ resolver: zodResolver(schema(t, i18n.language)), defaultValues: initial });
  const errors = form.formState.errors;

  return (
    <ContactForm
      form={form}
      fields={FIELDS}
      {...rest}
      grid={
        <>
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
        </>
      }
      below={
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
      }
    />
  );
}
