import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifyDone } from '@/components/ui/confirm';
import { FormMessage } from '@/components/ui/FormParts';
import { useFormSubmit } from '@/lib/forms';
import { useChangePassword } from '../api/account';
import '../i18n';

interface Values {
  current_password: string;
  new_password: string;
  repeat: string;
}

const FIELDS = ['current_password', 'new_password'] as const;

function schema(t: (key: string) => string) {
  return z
    .object({
      current_password: z.string().min(1, t('password.required')),
      new_password: z.string().min(10, t('password.tooShort')),
      repeat: z.string(),
    })
    .refine((v) => v.new_password === v.repeat, { path: ['repeat'], message: t('password.mismatch') });
}

/** Changing one's password; the server ends every other session. */
export function PasswordCard() {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const form = useForm<Values>({
    resolver: zodResolver(schema(t)),
    defaultValues: { current_password: '', new_password: '', repeat: '' },
  });
  const { message, submit } = useFormSubmit(form, FIELDS);
  const errors = form.formState.errors;

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('password.title')}
      </Title>
      <form
        onSubmit={form.handleSubmit(
          submit(async (values) => {
            await change.mutateAsync({ current_password: values.current_password, new_password: values.new_password });
            form.reset();
            notifyDone(t('password.changed'));
          }),
        )}
        noValidate
      >
        <Stack gap="sm">
          <FormMessage message={message} />
          <PasswordInput
            {...form.register('current_password')}
            label={t('password.current')}
            autoComplete="current-password"
            required
            error={errors.current_password?.message}
          />
          <PasswordInput
            {...form.register('new_password')}
            label={t('password.new')}
            autoComplete="new-password"
            required
            error={errors.new_password?.message}
          />
          <PasswordInput
            {...form.register('repeat')}
            label={t('password.repeat')}
            autoComplete="new-password"
            required
            error={errors.repeat?.message}
          />
          <Text size="xs" c="dimmed">
            {t('password.hint')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
