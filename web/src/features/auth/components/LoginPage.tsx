import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, PasswordInput, PinInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { isProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { useLogin } from '../api/login';
import { AuthCard } from './AuthCard';
import '../i18n';

const credentials = z.object({
  email: z.string().trim().min(1, 'required').email('emailInvalid'),
  password: z.string().min(1, 'required'),
});
type Credentials = z.infer<typeof credentials>;

/** Where to go after signing in: only paths of this app, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Credentials>({ resolver: zodResolver(credentials), defaultValues: { email: '', password: '' } });

  const submit = async (secondFactor?: { totp_code?: string; recovery_code?: string }) => {
    setMessage(null);
    const { email, password } = form.getValues();
    try {
      const session = await login.mutateAsync({ email: email.trim(), password, ...secondFactor });
      void navigate(session.mfaSetupRequired ? '/account?setup=mfa' : safeNext(params.get('next')), { replace: true });
    } catch (error) {
      if (isProblem(error) && error.kind === 'mfa-required') {
        if (step === 'mfa') setMessage(t('mfa.wrong'));
        setStep('mfa');
        setCode('');
      } else if (isProblem(error, 401)) {
        setMessage(step === 'mfa' ? t('mfa.wrong') : t('login.wrong'));
      } else if (isProblem(error, 429)) {
        setMessage(t('login.locked', { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) }));
      } else {
        setMessage(errorMessage(error, tc));
      }
    }
  };

  if (step === 'mfa') {
    return (
      <AuthCard title={t('mfa.title')} subtitle={t('mfa.hint')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(useRecovery ? { recovery_code: code.trim() } : { totp_code: code });
          }}
        >
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            {useRecovery ? (
              <TextInput
                label={t('mfa.recovery')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                autoComplete="off"
                autoFocus
                data-testid="recovery-code"
              />
            ) : (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="mfa-code-label">
                  {t('mfa.code')}
                </Text>
                <PinInput
                  length={6}
                  type="number"
                  oneTimeCode
                  autoFocus
                  value={code}
                  onChange={setCode}
                  onComplete={(value) => void submit({ totp_code: value })}
                  aria-labelledby="mfa-code-label"
                  getInputProps={(index) => ({ 'aria-label': `${t('mfa.code')} ${index + 1}` })}
                  data-testid="totp-code"
                />
              </Stack>
            )}
            <Button type="submit" loading={login.isPending} disabled={useRecovery ? code.trim() === '' : code.length !== 6}>
              {t('mfa.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setUseRecovery(!useRecovery);
                setCode('');
              }}
            >
              {useRecovery ? t('mfa.useCode') : t('mfa.useRecovery')}
            </Anchor>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  const fieldError = (key: keyof Credentials) => {
    const error = form.formState.errors[key]?.message;
    return error ? t(`login.${error}`) : undefined;
  };

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={form.handleSubmit(() => submit())} noValidate>
        <Stack>
          {message && (
            <Alert color="red" role="alert" data-testid="login-error">
              {message}
            </Alert>
          )}
          <Controller
            control={form.control}
            name="email"
            render={({ field }) => (
              <TextInput
                {...field}
                label={t('login.email')}
                type="email"
                autoComplete="username"
                autoFocus
                required
                error={fieldError('email')}
              />
            )}
          />
          <Controller
            control={form.control}
            name="password"
            render={({ field }) => (
              <PasswordInput
                {...field}
                label={t('login.password')}
                autoComplete="current-password"
                required
                error={fieldError('password')}
              />
            )}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/reset-password" size="sm" ta="center">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
