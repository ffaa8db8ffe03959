import { zodResolver } from '@hookform/resolvers/zod';
import { Autocomplete, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormButtons, FormMessage, FormMoneyField, FormSelect } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
import { parseDecimal } from '@/lib/money';
import type { CreateBomItem } from '../api/bom';
import '../i18n';

export const UNITS = ['pcs', 'set', 'lot', 'pair', 'm', 'm²', 'm³', 'km', 'kg', 't', 'l', 'h', 'day', 'week', 'flat', 'person'];

interface Values {
  name: string;
  quantity: string;
  unit: string;
  unit_price: string | null;
  category: string;
  supplier_id: string | null;
  description: string;
}

const FIELDS = ['name', 'quantity', 'unit', 'unit_price', 'category', 'supplier_id', 'description'] as const;

interface Props {
  parentId: string | null;
  showPrices: boolean;
  categories: string[];
  suppliers: { value: string; label: string }[];
  onSubmit: (input: CreateBomItem) => Promise<unknown>;
  onCancel: () => void;
}

/** A new BOM line (top level or under `parentId`). */
export function ItemForm({ parentId, showPrices, categories, suppliers, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation('bom');
  const { t: tc } = useTranslation();
  const schema = z.object({
    name: z.string().trim().min(1, t('form.required')).max(200),
    quantity: z.string().refine((v) => parseDecimal(v, i18n.language) !== null, t('invalidNumber')),
    unit: z.string().trim().min(1, t('form.required')),
    unit_price: z.string().nullable(),
    category: z.string(),
    supplier_id: z.string().nullable(),
    description: z.string(),
  });
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', quantity: '1', unit: 'pcs', unit_price: null, category: '', supplier_id: null, description: '' },
  });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;

  const create = (values: Values) =>
    onSubmit({
      name: values.name.trim(),
      parent_id: parentId,
      quantity: parseDecimal(values.quantity, i18n.language) ?? '1',
      unit: values.unit.trim(),
      category: values.category.trim() || null,
      supplier_id: values.supplier_id,
      description: values.description.trim() || null,
      ...(showPrices && values.unit_price ? { unit_price: values.unit_price } : {}),
    });

  return (
    <form onSubmit={form.handleSubmit(submit(create))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} />
        <TextInput {...form.register('name')} label={t('form.name')} required error={errors.name?.message} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: showPrices ? 3 : 2 }} spacing="sm">
          <TextInput {...form.register('quantity')} label={t('form.quantity')} inputMode="decimal" error={errors.quantity?.message} />
          <Controller
            control={form.control}
            name="unit"
            render={({ field }) => (
              <Autocomplete label={t('form.unit')} data={UNITS} value={field.value} onChange={field.onChange} error={errors.unit?.message} />
            )}
          />
          {showPrices && (
            <FormMoneyField form={form} name="unit_price" label={t('form.unitPrice')} invalid={t('invalidNumber')} />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="category"
            render={({ field }) => (
              <Autocomplete label={t('form.category')} data={categories} value={field.value} onChange={field.onChange} />
            )}
          />
          <FormSelect
            control={form.control}
            name="supplier_id"
            label={t('form.supplier')}
            placeholder={t('noSupplier')}
            data={suppliers}
            searchable
            clearable
            error={errors.supplier_id?.message}
          />
        </SimpleGrid>
        <Textarea {...form.register('description')} label={t('form.description')} autosize minRows={2} maxRows={5} />
        <FormButtons submitLabel={tc('actions.create')} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
