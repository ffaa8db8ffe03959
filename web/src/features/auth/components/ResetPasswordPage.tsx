import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/forms';
import { useResetPassword, useResetRequest } from '../api/reset';
import { AuthCard } from './AuthCard';
import '../i18n';

const MIN_PASSWORD = 10;

/** `/reset-password`: asks for the email; with `?token=` from the link, sets the new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <SetNewPassword token={token} /> : <RequestLink />;
}

function RequestLink() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const request = useResetRequest();
  const form = useForm<{ email: string }>({
    resolver: zodResolver(z.object({ email: z.string().trim().email('emailInvalid') })),
    defaultValues: { email: '' },
  });
  return (
    <AuthCard title={t('reset.requestTitle')} subtitle={t('reset.requestHint')}>
      {request.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('reset.sent')}
          </Alert>
          <Anchor component={Link} to="/login" size="sm">
            {t('reset.toLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={form.handleSubmit(({ email }) => request.mutate(email.trim()))} noValidate>
          <Stack>
            {request.isError && (
              <Alert color="red" role="alert">
                {errorMessage(request.error, tc)}
              </Alert>
            )}
            <TextInput
              {...form.register('email')}
              label={t('login.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              error={form.formState.errors.email ? t('login.emailInvalid') : undefined}
            />
            <Button type="submit" loading={request.isPending}>
              {t('reset.send')}
            </Button>
            <Anchor component={Link} to="/login" size="sm" ta="center">
              {t('reset.toLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

interface NewPassword {
  new_password: string;
  repeat: string;
}

function SetNewPassword({ token }: { token: string }) {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const reset = useResetPassword();
  const [message, setMessage] = useState<string | null>(null);
  const schema = z
    .object({
      new_password: z.string().min(MIN_PASSWORD, t('reset.minLength', { count: MIN_PASSWORD })),
      repeat: z.string(),
    })
    .refine((v) => v.new_password === v.repeat, { path: ['repeat'], message: t('reset.mismatch') });
  const form = useForm<NewPassword>({ resolver: zodResolver(schema), defaultValues: { new_password: '', repeat: '' } });

  const submit = async ({ new_password }: NewPassword) => {
    setMessage(null);
    try {
      await reset.mutateAsync({ token, new_password });
    } catch (error) {
      const rest = applyServerErrors(error, ['new_password'], form.setError);
      if (isProblem(error, 401) || isProblem(error, 404) || rest.some((m) => m.toLowerCase().includes('token'))) {
        setMessage(t('reset.invalidLink'));
      } else if (rest.length > 0 || !isProblem(error, 422)) {
        setMessage(rest.join(' ') || errorMessage(error, tc));
      }
    }
  };

  return (
    <AuthCard title={t('reset.confirmTitle')}>
      {reset.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('reset.done')}
          </Alert>
          <Button component={Link} to="/login">
            {t('reset.toLogin')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={form.handleSubmit(submit)} noValidate>
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message} <Anchor component={Link} to="/reset-password">{t('reset.send')}</Anchor>
              </Alert>
            )}
            <PasswordInput
              {...form.register('new_password')}
              label={t('reset.newPassword')}
              description={t('reset.minLength', { count: MIN_PASSWORD })}
              autoComplete="new-password"
              required
              autoFocus
              error={form.formState.errors.new_password?.message}
            />
            <PasswordInput
              {...form.register('repeat')}
              label={t('reset.repeat')}
              autoComplete="new-password"
              required
              error={form.formState.errors.repeat?.message}
            />
            <Button type="submit" loading={reset.isPending}>
              {t('reset.save')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
