import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Box, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { notifyDone } from '@/components/ui/confirm';
import { FormMessage } from '@/components/ui/FormParts';
import { CopyField } from '@/components/ui/CopyField';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { useFormSubmit } from '@/lib/forms';
import { useMfaDisable, useMfaEnable, useMfaSetup } from '../api/account';
import '../i18n';

interface Props {
  enabled: boolean;
  /** The role requires MFA and it is not set up: nothing else works until it is. */
  required: boolean;
}

type Stage = { kind: 'idle' } | { kind: 'setup'; secret: string; uri: string } | { kind: 'codes'; codes: string[] } | { kind: 'disable' };

/**
 * Multi-factor login: set up (QR code and typed key), turn on with a code, recovery codes
 * shown once, and turning it off with password and code.
 */
export function MfaCard({ enabled, required }: Props) {
  const { t } = useTranslation('account');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  // Came here because the role required it: after storing the codes, the app opens up.
  const [wasRequired] = useState(required);
  const navigate = useNavigate();
  const setup = useMfaSetup();

  const start = () =>
    setup.mutate(undefined, {
      onSuccess: (data) => setStage({ kind: 'setup', secret: data.secret, uri: data.otpauth_uri }),
    });

  return (
    <Paper withBorder p="md" radius="md" id="mfa" style={required ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap">
          {enabled ? <IconShieldCheck size={22} color="var(--mantine-color-green-7)" aria-hidden /> : <IconShieldLock size={22} aria-hidden />}
          <Title order={2} size="h4">
            {t('mfa.title')}
          </Title>
        </Group>
        <Badge color={enabled ? 'green' : 'gray'} variant="dot" radius="sm" style={{ flexShrink: 0 }}>
          {enabled ? t('mfa.on') : t('mfa.off')}
        </Badge>
      </Group>

      {stage.kind === 'codes' ? (
        <RecoveryCodes
          codes={stage.codes}
          continueLabel={wasRequired ? t('mfa.continue') : t('mfa.stored')}
          onDone={() => {
            setStage({ kind: 'idle' });
            if (wasRequired) void navigate('/', { replace: true });
          }}
        />
      ) : stage.kind === 'setup' ? (
        <SetupStep
          secret={stage.secret}
          uri={stage.uri}
          onCancel={() => setStage({ kind: 'idle' })}
          onEnabled={(codes) => setStage({ kind: 'codes', codes })}
          canCancel={!required}
        />
      ) : stage.kind === 'disable' ? (
        <DisableStep onDone={() => setStage({ kind: 'idle' })} />
      ) : enabled ? (
        <Stack gap="sm">
          <Text size="sm">{t('mfa.onText')}</Text>
          <Group>
            <Button variant="light" color="red" onClick={() => setStage({ kind: 'disable' })}>
              {t('mfa.disable')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('mfa.intro')}</Text>
          {setup.isError && <ErrorAlert error={setup.error} />}
          <Group>
            <Button onClick={start} loading={setup.isPending} size={required ? 'md' : 'sm'}>
              {t('mfa.start')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

const codeSchema = (t: (key: string) => string) => z.object({ code: z.string().trim().regex(/^\d{6}$/, t('mfa.codeFormat')) });

function SetupStep({
  secret,
  uri,
  onCancel,
  onEnabled,
  canCancel,
}: {
  secret: string;
  uri: string;
  onCancel: () => void;
  onEnabled: (codes: string[]) => void;
  canCancel: boolean;
}) {
  const { t } = useTranslation('account');
  const enable = useMfaEnable();
  const form = useForm<{ code: string }>({ resolver: zodResolver(codeSchema(t)), defaultValues: { code: '' } });
  const { message, submit } = useFormSubmit(form, ['code']);

  return (
    <Stack gap="md">
      <Text size="sm">{t('mfa.step1')}</Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Box bg="white" p="xs" style={{ borderRadius: 8, lineHeight: 0 }}>
          <QRCodeSVG value={uri} size={176} marginSize={2} title={t('mfa.qrLabel')} />
        </Box>
        <Box style={{ flex: 1, minWidth: 220 }}>
          <CopyField label={t('mfa.secret')} value={secret} copyLabel={t('copy')} copiedLabel={t('copied')} testId="mfa-secret" />
        </Box>
      </Group>
      <form
        onSubmit={form.handleSubmit(
          submit(async ({ code }) => {
            const result = await enable.mutateAsync(code.trim());
            notifyDone(t('mfa.enabled'));
            onEnabled(result.recovery_codes);
          }),
        )}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">{t('mfa.step2')}</Text>
          <FormMessage message={message} />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              {...form.register('code')}
              label={t('mfa.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              w={{ base: '100%', xs: 200 }}
              error={form.formState.errors.code?.message}
              styles={{ input: { letterSpacing: '0.2em', fontVariantNumeric: 'tabular-nums' } }}
            />
          </Group>
          <Group gap="xs">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('mfa.enable')}
            </Button>
            {canCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('mfa.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The codes as a text file, for a password manager or a printout. */
function download(codes: string[]) {
  const url = URL.createObjectURL(new Blob([`Event Manager\n\n${codes.join('\n')}\n`], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'event-manager-recovery-codes.txt';
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RecoveryCodes({ codes, continueLabel, onDone }: { codes: string[]; continueLabel: string; onDone: () => void }) {
  const { t } = useTranslation('account');
  return (
    <Stack gap="sm">
      <Alert color="orange" title={t('mfa.recoveryTitle')} role="status">
        <Text size="sm">{t('mfa.recoveryText')}</Text>
      </Alert>
      <Box maw={420}>
        <CopyField
          label={t('mfa.recoveryCodes')}
          value={codes.join('\n')}
          copyLabel={t('copy')}
          copiedLabel={t('copied')}
          multiline
          testId="recovery-codes"
        />
      </Box>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => download(codes)}>
          {t('mfa.download')}
        </Button>
        <Button onClick={onDone}>{continueLabel}</Button>
      </Group>
    </Stack>
  );
}

interface DisableValues {
  password: string;
  code: string;
}

function DisableStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('account');
  const disable = useMfaDisable();
  const form = useForm<DisableValues>({
    resolver: zodResolver(
      z.object({ password: z.string().min(1, t('mfa.required')), code: z.string().trim().min(1, t('mfa.required')) }),
    ),
    defaultValues: { password: '', code: '' },
  });
  const { message, submit } = useFormSubmit(form, ['password', 'code']);
  const errors = form.formState.errors;

  return (
    <form
      onSubmit={form.handleSubmit(
        submit(async (values) => {
          await disable.mutateAsync({ password: values.password, code: values.code.trim() });
          notifyDone(t('mfa.disabled'));
          onDone();
        }),
      )}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {t('mfa.disableTitle')}
        </Text>
        <Text size="sm">{t('mfa.disableText')}</Text>
        <FormMessage message={message} />
        <PasswordInput
          {...form.register('password')}
          label={t('mfa.password')}
          autoComplete="current-password"
          required
          error={errors.password?.message}
          maw={360}
        />
        <TextInput
          {...form.register('code')}
          label={t('mfa.codeOrRecovery')}
          autoComplete="one-time-code"
          required
          error={errors.code?.message}
          maw={360}
        />
        <Group gap="xs">
          <Button type="submit" color="red" loading={form.formState.isSubmitting}>
            {t('mfa.disable')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('mfa.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
