import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { confirmDanger, outcome } from '@/components/ui/confirm';
import { FormButtons, FormDateField, FormMessage, FormSelect } from '@/components/ui/FormParts';
import { CopyField } from '@/components/ui/CopyField';
import { CreateButton } from '@/components/ui/ListParts';
import { SectionCard } from '@/components/ui/PageHeader';
import { PermissionChecks } from '@/components/ui/PermissionChecks';
import { QueryState } from '@/components/ui/QueryState';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDate, formatDateTime } from '@/lib/format';
import { useFormSubmit } from '@/lib/forms';
import { PERMISSIONS, usePermissionTexts } from '@/lib/permissions';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../api/account';
import { expiresAt, EXPIRIES, type Expiry } from './expiry';
import '../i18n';

/** The caller's API tokens: list, create (shown once), revoke. */
export function TokensCard({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation('account');
  const tokens = useApiTokens(true);
  const revoke = useRevokeApiToken();
  const texts = usePermissionTexts();
  const [creating, creation] = useDisclosure(false);

  const confirmRevoke = (token: ApiToken) =>
    confirmDanger({
      title: t('tokens.revoke'),
      message: t('tokens.revokeConfirm', { name: token.name }),
      onConfirm: () =>
        revoke.mutate(token.id, outcome(t('tokens.revoked'))),
    });

  const [now] = useState(() => Date.now());
  return (
    <SectionCard title={t('tokens.title')} intro={t('tokens.intro')} actions={<CreateButton onClick={creation.open}>{t('tokens.new')}</CreateButton>}>
      <QueryState query={tokens} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('tokens.empty')}</Text>}>
        {(data) => (
          <ScrollTable
            label={t('tokens.title')}
            minWidth={760}
            columns={[
              t('tokens.columns.name'),
              t('tokens.columns.scopes'),
              t('tokens.columns.created'),
              t('tokens.columns.expires'),
              t('tokens.columns.lastUsed'),
              '',
            ]}
          >
            {data.items.map((token) => {
              const expired = token.expires_at ? new Date(token.expires_at).getTime() <= now : false;
              return (
                <Table.Tr key={token.id} data-testid="token-row">
                  <Table.Td maw={260}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {token.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {token.token_prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    {token.scopes.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('tokens.noScopes')}
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {token.scopes.map((scope) => (
                          <Badge key={scope} variant="light" color="gray" radius="sm" tt="none">
                            {texts.label(scope)}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(token.created_at)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {token.expires_at ? formatDate(token.expires_at) : t('tokens.noExpiry')}
                    {expired && (
                      <Badge color="red" variant="light" radius="sm" ml={4}>
                        {t('tokens.expired')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {token.last_used_at ? formatDateTime(token.last_used_at) : t('tokens.never')}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => confirmRevoke(token)}
                      aria-label={t('tokens.revokeLabel', { name: token.name })}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ScrollTable>
        )}
      </QueryState>
      <Modal opened={creating} onClose={creation.close} title={t('tokens.createTitle')} size="lg">
        {creating && <CreateToken permissions={permissions} onClose={creation.close} />}
      </Modal>
    </SectionCard>
  );
}

interface Values {
  name: string;
  scopes: string[];
  expiry: Expiry;
  date: string | null;
}

function CreateToken({ permissions, onClose }: { permissions: string[]; onClose: () => void }) {
  const { t } = useTranslation('account');
  const create = useCreateApiToken();
  const [token, setToken] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(
      z
        .object({
          name: z.string().trim().min(1, t('tokens.required')).max(100),
          scopes: z.array(z.string()),
          expiry: z.enum(EXPIRIES),
          date: z.string().nullable(),
        })
        .refine((v) => v.expiry !== 'custom' || !!v.date, { path: ['date'], message: t('tokens.dateRequired') }),
    ),
    defaultValues: { name: '', scopes: [], expiry: '90', date: null },
  });
  const { message, submit } = useFormSubmit(form, ['name', 'scopes']);
  const errors = form.formState.errors;
  const held = permissions.includes('*') ? [...PERMISSIONS] : PERMISSIONS.filter((p) => permissions.includes(p));
  const expiry = form.watch('expiry');

  if (token) {
    return (
      <Stack gap="sm">
        <Alert color="orange" role="status">
          <Text size="sm">{t('tokens.shownOnce')}</Text>
        </Alert>
        <CopyField label={t('tokens.createdTitle')} value={token} copyLabel={t('copy')} copiedLabel={t('copied')} testId="new-token" />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('tokens.done')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={form.handleSubmit(
        submit(async (values) => {
          const created = await create.mutateAsync({
            name: values.name.trim(),
            scopes: values.scopes,
            expires_at: expiresAt(values.expiry, values.date, new Date()),
          });
          setToken(created.token);
        }),
      )}
      noValidate
    >
      <Stack gap="sm">
        <FormMessage message={message} />
        <TextInput
          {...form.register('name')}
          label={t('tokens.name')}
          description={t('tokens.nameHint')}
          required
          error={errors.name?.message}
          data-autofocus
        />
        <Controller
          control={form.control}
          name="scopes"
          render={({ field }) => (
            <PermissionChecks
              label={t('tokens.scopes')}
              description={t('tokens.scopesHint')}
              permissions={held}
              value={field.value}
              onChange={field.onChange}
              error={errors.scopes?.message}
            />
          )}
        />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <FormSelect
            control={form.control}
            name="expiry"
            label={t('tokens.expiry')}
            data={EXPIRIES.map((e) => ({ value: e, label: t(`tokens.expiries.${e}`) }))}
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
          />
          {expiry === 'custom' && (
            <FormDateField
              control={form.control}
              name="date"
              label={t('tokens.expiryDate')}
              minDate={new Date(Date.now() + 86_400_000)}
              required
              error={errors.date?.message}
              w={{ base: '100%', xs: 200 }}
            />
          )}
        </Group>
        <FormButtons submitLabel={t('tokens.create')} submitting={form.formState.isSubmitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
