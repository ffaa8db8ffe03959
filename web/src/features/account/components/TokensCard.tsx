import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CopyField } from '@/components/ui/CopyField';
import { DateField } from '@/components/ui/DateField';
import { QueryState } from '@/components/ui/QueryState';
import { errorMessage } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { useFormSubmit } from '@/lib/formSubmit';
import { PERMISSIONS, usePermissionTexts } from '@/lib/permissions';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../api/account';
import { expiresAt, EXPIRIES, type Expiry } from './expiry';
import '../i18n';

/** The caller's API tokens: list, create (shown once), revoke. */
export function TokensCard({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation();
  const tokens = useApiTokens(true);
  const revoke = useRevokeApiToken();
  const texts = usePermissionTexts();
  const [creating, creation] = useDisclosure(false);

  const confirmRevoke = (token: ApiToken) =>
    modals.openConfirmModal({
      title: t('tokens.revoke'),
      children: <Text size="sm">{t('tokens.revokeConfirm', { name: token.name })}</Text>,
      labels: { confirm: t('tokens.revoke'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(token.id, {
          onSuccess: () => notifications.show({ message: t('tokens.revoked'), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  const [now] = useState(() => Date.now());
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div style={{ flex: 1, minWidth: 220 }}>
            <Title order={2} size="h4">
              {t('tokens.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('tokens.intro')}
            </Text>
          </div>
          <Button leftSection={<IconPlus size={16} />} onClick={creation.open}>
            {t('tokens.new')}
          </Button>
        </Group>
        <QueryState query={tokens} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('tokens.empty')}</Text>}>
          {(data) => (
            <div className="table-scroll">
              <Table miw={760} aria-label={t('tokens.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tokens.columns.name')}</Table.Th>
                    <Table.Th>{t('tokens.columns.scopes')}</Table.Th>
                    <Table.Th>{t('tokens.columns.created')}</Table.Th>
                    <Table.Th>{t('tokens.columns.expires')}</Table.Th>
                    <Table.Th>{t('tokens.columns.lastUsed')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
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
                </Table.Tbody>
              </Table>
            </div>
          )}
        </QueryState>
      </Stack>
      <Modal opened={creating} onClose={creation.close} title={t('tokens.createTitle')} size="lg">
        {creating && <CreateToken permissions={permissions} onClose={creation.close} />}
      </Modal>
    </Paper>
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
  const { t: tc } = useTranslation();
  const texts = usePermissionTexts();
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
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
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
            <Checkbox.Group
              label={t('tokens.scopes')}
              description={t('tokens.scopesHint')}
              value={field.value}
              onChange={field.onChange}
              error={errors.scopes?.message}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={10} mt="xs">
                {held.map((permission) => (
                  <Checkbox
                    key={permission}
                    value={permission}
                    label={texts.label(permission)}
                    description={texts.description(permission)}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Controller
            control={form.control}
            name="expiry"
            render={({ field }) => (
              <Select
                label={t('tokens.expiry')}
                data={EXPIRIES.map((e) => ({ value: e, label: t(`tokens.expiries.${e}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? '90')}
                allowDeselect={false}
                w={{ base: '100%', xs: 200 }}
              />
            )}
          />
          {expiry === 'custom' && (
            <Controller
              control={form.control}
              name="date"
              render={({ field }) => (
                <DateField
                  label={t('tokens.expiryDate')}
                  value={field.value}
                  onChange={field.onChange}
                  minDate={new Date(Date.now() + 86_400_000)}
                  required
                  error={errors.date?.message}
                  w={{ base: '100%', xs: 200 }}
                />
              )}
            />
          )}
        </Group>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {tc('actions.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
