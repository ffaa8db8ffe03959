import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormButtons, FormMessage } from '@/components/ui/FormParts';
import { PermissionChecks } from '@/components/ui/PermissionChecks';
import { useFormSubmit } from '@/lib/forms';
import { PERMISSIONS, usePermissionTexts } from '@/lib/permissions';
import type { Role } from '../api/roles';
import '../i18n';

export interface RoleValues {
  name: string;
  description: string;
  permissions: string[];
  require_mfa: boolean;
}

const FIELDS = ['name', 'description', 'permissions', 'require_mfa'] as const;

function schema(t: (key: string) => string) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, t('roles.required'))
      .regex(/^[a-z0-9_]{2,64}$/, t('roles.nameFormat')),
    description: z.string().max(500),
    permissions: z.array(z.string()),
    require_mfa: z.boolean(),
  });
}

export function roleValues(role?: Role): RoleValues {
  return {
    name: role?.name ?? '',
    description: role?.description ?? '',
    permissions: role?.permissions ?? [],
    require_mfa: role?.require_mfa ?? false,
  };
}

interface Props {
  /** Editing this role; creating when absent. */
  role?: Role;
  submitLabel: string;
  onSubmit: (values: RoleValues) => Promise<unknown>;
  onCancel: () => void;
}

/** A role's name, description, MFA rule and permissions; a built-in role's name and permissions are fixed. */
export function RoleForm({ role, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('admin');
  const texts = usePermissionTexts();
  const builtin = role?.is_builtin ?? false;
  const form = useForm<RoleValues>({ resolver: zodResolver(schema(t)), defaultValues: roleValues(role) });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;
  const everything = role?.permissions.includes('*') ?? false;

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        <FormMessage message={message} />
        {builtin && (
          <Alert color="blue" role="note">
            <Text size="sm">{t('roles.builtinNote')}</Text>
          </Alert>
        )}
        <TextInput
          {...form.register('name')}
          label={t('roles.name')}
          description={builtin ? undefined : t('roles.nameHint')}
          required
          readOnly={builtin}
          autoComplete="off"
          error={errors.name?.message}
          data-autofocus={!builtin || undefined}
        />
        <Textarea
          {...form.register('description')}
          label={t('roles.description')}
          autosize
          minRows={2}
          maxRows={4}
          error={errors.description?.message}
          data-autofocus={builtin || undefined}
        />
        <Controller
          control={form.control}
          name="require_mfa"
          render={({ field }) => (
            <Switch
              label={t('roles.requireMfa')}
              description={t('roles.requireMfaHint')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
        {everything ? (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('roles.permissions')}
            </Text>
            <Text size="sm">{texts.label('*')}</Text>
          </Stack>
        ) : (
          <Controller
            control={form.control}
            name="permissions"
            render={({ field }) => (
              <PermissionChecks
                label={t('roles.permissions')}
                permissions={PERMISSIONS}
                value={field.value}
                onChange={field.onChange}
                error={errors.permissions?.message}
                disabled={builtin}
              />
            )}
          />
        )}
        <FormButtons submitLabel={submitLabel} submitting={form.formState.isSubmitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
