import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormSubmit } from '@/lib/formSubmit';
import type { Client } from '@/lib/queries/types';
import { FormButtons, FormMessage, optionalEmail, text, textField } from './formParts';
import '../i18n';

export interface ClientValues {
  name: string;
  contact_person: string;
  email: string;
  phone: string;
  address: string;
  notes: string;
}

const FIELDS = ['name', 'contact_person', 'email', 'phone', 'address', 'notes'] as const;

function schema(t: (key: string, options?: Record<string, unknown>) => string) {
  return z.object({
    name: z.string().trim().min(1, t('form.required')).max(200, t('form.tooLong', { max: 200 })),
    contact_person: textField(t, 200),
    email: optionalEmail(t),
    phone: textField(t, 50),
    address: textField(t, 1000),
    notes: textField(t, 10_000),
  });
}

export function clientValues(client?: Client): ClientValues {
  return {
    name: client?.name ?? '',
    contact_person: client?.contact_person ?? '',
    email: client?.email ?? '',
    phone: client?.phone ?? '',
    address: client?.address ?? '',
    notes: client?.notes ?? '',
  };
}

/** The form's values as the API's create/update body: empty texts clear the field. */
export function clientBody(values: ClientValues) {
  return {
    name: values.name.trim(),
    contact_person: text(values.contact_person),
    email: text(values.email),
    phone: text(values.phone),
    address: text(values.address),
    notes: text(values.notes),
  };
}

interface Props {
  initial: ClientValues;
  submitLabel: string;
  onSubmit: (values: ClientValues) => Promise<unknown>;
  onCancel: () => void;
  /** After a 412: fetches the latest version for the form to show. */
  onReload?: () => Promise<ClientValues | undefined>;
}

export function ClientForm({ initial, submitLabel, onSubmit, onCancel, onReload }: Props) {
  const { t } = useTranslation('directory');
  const form = useForm<ClientValues>({ resolver: zodResolver(schema(t)), defaultValues: initial });
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
          <TextInput {...form.register('contact_person')} label={t('fields.contactPerson')} error={errors.contact_person?.message} />
          <TextInput
            {...form.register('email')}
            label={t('fields.email')}
            type="email"
            autoComplete="off"
            error={errors.email?.message}
          />
          <TextInput {...form.register('phone')} label={t('fields.phone')} type="tel" error={errors.phone?.message} />
        </SimpleGrid>
        <Textarea {...form.register('address')} label={t('fields.address')} autosize minRows={2} maxRows={5} error={errors.address?.message} />
        <Textarea {...form.register('notes')} label={t('fields.notes')} autosize minRows={2} maxRows={8} error={errors.notes?.message} />
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
