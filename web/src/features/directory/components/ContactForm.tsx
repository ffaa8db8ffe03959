// The form of a client and of a supplier: name, contact person, email, phone, address and
// notes (plus what the caller adds), the server's errors at their fields, and after a 412 the
// latest version to load.
import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormButtons, FormMessage } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
import type { ContactValues } from './formParts';
import '../i18n';

interface Props<V extends FieldValues> {
  form: UseFormReturn<V>;
  fields: readonly Path<V>[];
  submitLabel: string;
  onSubmit: (values: V) => Promise<unknown>;
  onCancel: () => void;
  /** After a 412: fetches the latest version for the form to show. */
  onReload?: () => Promise<V | undefined>;
  /** First in the grid beside contact person, email and phone (a supplier's category, rating). */
  grid?: ReactNode;
  /** After the notes (whether a supplier is active). */
  below?: ReactNode;
}

export function ContactForm<V extends ContactValues>({ form, fields, submitLabel, onSubmit, onCancel, onReload, grid, below }: Props<V>) {
  const { t } = useTranslation('directory');
  const { message, conflict, submit, reload } = useFormSubmit(form, fields, { onReload });
  // Every V has the contact fields; they are registered through that shared shape.
  const contact = form as unknown as UseFormReturn<ContactValues>;
  const errors = contact.formState.errors;

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} conflict={conflict} onReload={reload} />
        <TextInput {...contact.register('name')} label={t('fields.name')} required error={errors.name?.message} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {grid}
          <TextInput {...contact.register('contact_person')} label={t('fields.contactPerson')} error={errors.contact_person?.message} />
          <TextInput {...contact.register('email')} label={t('fields.email')} type="email" autoComplete="off" error={errors.email?.message} />
          <TextInput {...contact.register('phone')} label={t('fields.phone')} type="tel" error={errors.phone?.message} />
        </SimpleGrid>
        <Textarea {...contact.register('address')} label={t('fields.address')} autosize minRows={2} maxRows={5} error={errors.address?.message} />
        <Textarea {...contact.register('notes')} label={t('fields.notes')} autosize minRows={2} maxRows={8} error={errors.notes?.message} />
        {below}
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
