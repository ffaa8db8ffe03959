import { zodResolver } from '@hookform/resolvers/zod';
import { PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormButtons, FormMessage, FormSelect } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
import { usePermissionTexts } from '@/lib/permissions';
import { useClients } from '@/lib/queries/project';
import type { User } from '@/lib/queries/types';
import type { Role } from '../api/roles';
import '../i18n';

export interface UserValues {
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  client_id: string | null;
  password: string;
  is_active: boolean;
}

const FIELDS = ['email', 'first_name', 'last_name', 'role', 'client_id', 'password', 'is_active'] as const;

function schema(t: (key: string) => string, creating: boolean) {
  return z
    .object({
      email: creating
        ? z.string().trim().min(1, t('userForm.required')).regex(/^[^\s@]+@[^\s@]+$/, t('userForm.emailFormat'))
        : z.string(),
      first_name: z.string().trim().min(1, t('userForm.required')).max(100),
      last_name: z.string().trim().max(100),
      role: z.string().min(1, t('userForm.required')),
      client_id: z.string().nullable(),
      password: z.string().refine((v) => v === '' || v.length >= 10, t('userForm.tooShort')),
      is_active: z.boolean(),
    })
    .refine((v) => v.role !== 'client' || !!v.client_id, { path: ['client_id'], message: t('userForm.clientRequired') });
}

export function userValues(user?: User): UserValues {
  return {
    email: user?.email ?? '',
    first_name: user?.first_name ?? '',
    last_name: user?.last_name ?? '',
    role: user?.role ?? 'member',
    client_id: user?.client_id ?? null,
    password: '',
    is_active: user?.is_active ?? true,
  };
}

interface Props {
  /** Editing this user; creating when absent. */
  user?: User;
  roles: Role[];
  /** The admin edits their own account: role and active flag stay (no locking oneself out). */
  self?: boolean;
  submitLabel: string;
  onSubmit: (values: UserValues) => Promise<unknown>;
  onCancel: () => void;
}

export function UserForm({ user, roles, self, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const texts = usePermissionTexts();
  const creating = !user;
  const form = useForm<UserValues>({ resolver: zodResolver(schema(t, creating)), defaultValues: userValues(user) });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const role = form.watch('role');
  const clients = useClients(role === 'client');
  const errors = form.formState.errors;

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} />
        {creating ? (
          <TextInput
            {...form.register('email')}
            label={t('userForm.email')}
            type="email"
            autoComplete="off"
            required
            error={errors.email?.message}
            data-autofocus
          />
        ) : (
          <TextInput label={t('userForm.email')} value={user.email} readOnly description={t('userForm.emailReadOnly')} />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            {...form.register('first_name')}
            label={t('userForm.firstName')}
            required
            autoComplete="off"
            error={errors.first_name?.message}
            data-autofocus={!creating || undefined}
          />
          <TextInput {...form.register('last_name')} label={t('userForm.lastName')} autoComplete="off" error={errors.last_name?.message} />
        </SimpleGrid>
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Select
              label={t('userForm.role')}
              data={roles.map((r) => ({ value: r.name, label: texts.role(r.name) }))}
              value={field.value}
              onChange={(v) => {
                field.onChange(v ?? '');
                if (v !== 'client') form.setValue('client_id', null);
              }}
              allowDeselect={false}
              required
              disabled={self}
              error={errors.role?.message}
            />
          )}
        />
        {role === 'client' && (
          <FormSelect
            control={form.control}
            name="client_id"
            label={t('userForm.client')}
            description={t('userForm.clientHint')}
            data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            searchable
            required
            nothingFoundMessage={tc('states.noMatches')}
            error={errors.client_id?.message}
          />
        )}
        {creating ? (
          <PasswordInput
            {...form.register('password')}
            label={t('userForm.password')}
            description={t('userForm.passwordHint')}
            autoComplete="new-password"
            error={errors.password?.message}
          />
        ) : (
          !self && (
            <Controller
              control={form.control}
              name="is_active"
              render={({ field }) => (
                <Switch
                  label={t('userForm.active')}
                  checked={field.value}
                  onChange={(e) => field.onChange(e.currentTarget.checked)}
                  error={errors.is_active?.message}
                />
              )}
            />
          )
        )}
        {self && (
          <Text size="xs" c="dimmed">
            {t('userForm.selfHint')}
          </Text>
        )}
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
