import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormSubmit } from '@/lib/formSubmit';
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
  const { t: tc } = useTranslation();
  const texts = usePermissionTexts();
  const builtin = role?.is_builtin ?? false;
  const form = useForm<RoleValues>({ resolver: zodResolver(schema(t)), defaultValues: roleValues(role) });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;
  const everything = role?.permissions.includes('*') ?? false;

  return (
    <form onSubmit={form.handleSubmit(submit(onSubmit))} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
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
              <Checkbox.Group label={t('roles.permissions')} value={field.value} onChange={field.onChange} error={errors.permissions?.message}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={10} mt="xs">
                  {PERMISSIONS.map((permission) => (
                    <Checkbox
                      key={permission}
                      value={permission}
                      label={texts.label(permission)}
                      description={texts.description(permission)}
                      disabled={builtin}
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
          />
        )}
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
