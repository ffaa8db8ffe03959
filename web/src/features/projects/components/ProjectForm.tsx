import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormButtons, FormDateField, FormMessage, FormMoneyField, FormSelect } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
import { useClients } from '@/lib/queries/project';
import type { Project } from '@/lib/queries/types';

const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD', 'DKK', 'SEK', 'NOK', 'PLN', 'CZK'];

export interface ProjectValues {
  name: string;
  client_id: string | null;
  start_date: string;
  end_date: string;
  build_up_date: string | null;
  dismantle_date: string | null;
  venue: string;
  location: string;
  budget: string | null;
  currency: string;
  description: string;
}

const FIELDS = [
  'name',
  'client_id',
  'start_date',
  'end_date',
  'build_up_date',
  'dismantle_date',
  'venue',
  'location',
  'budget',
  'currency',
  'description',
] as const;

function schema(t: (key: string) => string) {
  return z
    .object({
      name: z.string().trim().min(1, t('form.required')).max(200),
      client_id: z.string().nullable(),
      start_date: z.string().min(1, t('form.required')),
      end_date: z.string().min(1, t('form.required')),
      build_up_date: z.string().nullable(),
      dismantle_date: z.string().nullable(),
      venue: z.string(),
      location: z.string(),
      budget: z.string().nullable(),
      currency: z.string().length(3),
      description: z.string(),
    })
    .refine((v) => !v.start_date || !v.end_date || v.end_date >= v.start_date, {
      path: ['end_date'],
      message: t('form.endBeforeStart'),
    })
    .refine((v) => !v.build_up_date || !v.start_date || v.build_up_date <= v.start_date, {
      path: ['build_up_date'],
      message: t('form.buildUpAfterStart'),
    })
    .refine((v) => !v.dismantle_date || !v.end_date || v.dismantle_date >= v.end_date, {
      path: ['dismantle_date'],
      message: t('form.dismantleBeforeEnd'),
    });
}

export function valuesOf(project?: Project): ProjectValues {
  return {
    name: project?.name ?? '',
    client_id: project?.client_id ?? null,
    start_date: project?.start_date ?? '',
    end_date: project?.end_date ?? '',
    build_up_date: project?.build_up_date ?? null,
    dismantle_date: project?.dismantle_date ?? null,
    venue: project?.venue ?? '',
    location: project?.location ?? '',
    budget: project?.budget ?? null,
    currency: project?.currency ?? 'EUR',
    description: project?.description ?? '',
  };
}

interface Props {
  initial: ProjectValues;
  /** Whether the budget field is shown (only to those who see costs). */
  showBudget: boolean;
  submitLabel: string;
  onSubmit: (values: ProjectValues) => Promise<unknown>;
  onCancel: () => void;
}

/** Create and edit form of a project; the server's 422 errors appear next to their fields. */
export function ProjectForm({ initial, showBudget, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('projects');
  const clients = useClients();
  const form = useForm<ProjectValues>({ resolver: zodResolver(schema(t)), defaultValues: initial });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} />
        <TextInput {...form.register('name')} label={t('form.name')} required error={errors.name?.message} data-autofocus />
        <FormSelect
          control={form.control}
          name="client_id"
          label={t('form.client')}
          placeholder={t('form.noClient')}
          data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          searchable
          clearable
          error={errors.client_id?.message}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {(['start_date', 'end_date', 'build_up_date', 'dismantle_date'] as const).map((name) => (
            <FormDateField
              key={name}
              control={form.control}
              name={name}
              label={t(
              {
              start_date: 'form.startDate',
              end_date: 'form.endDate',
              build_up_date: 'form.buildUp',
              dismantle_date: 'form.dismantle',
              }[name],
              )}
              required={name === 'start_date' || name === 'end_date'}
              error={errors[name]?.message}
            />
          ))}
          <TextInput {...form.register('venue')} label={t('form.venue')} error={errors.venue?.message} />
          <TextInput {...form.register('location')} label={t('form.location')} error={errors.location?.message} />
          {showBudget && (
            <FormMoneyField form={form} name="budget" label={t('form.budget')} invalid={t('form.budgetFormat')} />
          )}
          <FormSelect
            control={form.control}
            name="currency"
            label={t('form.currency')}
            data={CURRENCIES}
            allowDeselect={false}
            error={errors.currency?.message}
          />
        </SimpleGrid>
        <Textarea {...form.register('description')} label={t('form.description')} autosize minRows={2} maxRows={6} />
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** The form's values as the API's create/update body: empty texts become absent. */
export function toBody(values: ProjectValues, showBudget: boolean) {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    name: values.name.trim(),
    client_id: values.client_id,
    start_date: values.start_date,
    end_date: values.end_date,
    build_up_date: values.build_up_date,
    dismantle_date: values.dismantle_date,
    venue: text(values.venue),
    location: text(values.location),
    currency: values.currency,
    description: text(values.description),
    ...(showBudget && values.budget ? { budget: values.budget } : {}),
  };
}
