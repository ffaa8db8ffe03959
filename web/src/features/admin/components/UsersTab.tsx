import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconHistory, IconKey, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { confirmDanger, notifyDone, notifyFailed, outcome } from '@/components/ui/confirm';
import { CopyField } from '@/components/ui/CopyField';
import { ClearFilters, CreateButton, FilterBar, PagedList, SearchField } from '@/components/ui/ListParts';
import { ScrollTable } from '@/components/ui/TableParts';
import { useSession } from '@/lib/auth/useSession';
import { formatDateTime } from '@/lib/format';
import { usePermissionTexts } from '@/lib/permissions';
import { useCan } from '@/lib/queries/me';
import { useClients } from '@/lib/queries/project';
import type { User } from '@/lib/queries/types';
import { useUrlParams } from '@/lib/urlParams';
import { useRoles } from '../api/roles';
import { useCreateUser, useResetLink, useUpdateUser, useUserList } from '../api/users';
import { UserForm } from './UserForm';
import '../i18n';

type Shown = { kind: 'invite'; name: string; url: string } | { kind: 'reset'; name: string; url: string; expires: string };

/** The company's people: find, create (or invite), edit, deactivate, hand out reset links. */
export function UsersTab() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const texts = usePermissionTexts();
  const session = useSession();
  const url = useUrlParams();
  const [creating, creation] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const roles = useRoles();
  const seesClients = useCan('clients:read');
  const clients = useClients(seesClients);
  const create = useCreateUser();
  const update = useUpdateUser();
  const resetLink = useResetLink();

  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const role = url.get('role');
  const status = url.get('status');
  const filters = useMemo(
    () => ({ q: debouncedQ, role, is_active: status === '' ? undefined : status === 'active' }),
    [debouncedQ, role, status],
  );
  const list = useUserList(filters);
  const filtered = q !== '' || role !== '' || status !== '';
  const clientName = useMemo(() => new Map((clients.data?.items ?? []).map((c) => [c.id, c.name])), [clients.data]);
  const total = list.data?.pages[0]?.total;
  const name = (u: User) => `${u.first_name} ${u.last_name}`.trim() || u.email;

  const setActive = (user: User, active: boolean) =>
    update.mutate(
      { user, input: { is_active: active } },
      outcome(
        active ? t('users.activated', { name: name(user) }) : t('users.deactivated', { name: name(user) }),
        undefined,
        { autoClose: 10_000 },
      ),
    );

  const confirmDeactivate = (user: User) =>
    confirmDanger({
      title: t('users.deactivate'),
      message: t('users.deactivateConfirm', { name: name(user) }),
      onConfirm: () => setActive(user, false),
    });

  const makeResetLink = (user: User) =>
    resetLink.mutate(user.id, {
      onSuccess: (link) => setShown({ kind: 'reset', name: name(user), url: link.reset_url, expires: link.expires_at }),
      onError: (error) => notifyFailed(error),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        {total !== undefined ? (
          <Text size="sm" c="dimmed">
            {t('users.count', { count: total })}
          </Text>
        ) : (
          <span />
        )}
        <CreateButton onClick={creation.open} disabled={!roles.data}>
          {t('users.new')}
        </CreateButton>
      </Group>
      <FilterBar>
        <SearchField label={t('users.search')} value={q} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 260 }} />
        <Select
          label={t('users.role')}
          placeholder={t('users.anyRole')}
          data={(roles.data?.items ?? []).map((r) => ({ value: r.name, label: texts.role(r.name) }))}
          value={role || null}
          onChange={(v) => url.set('role', v)}
          clearable
          w={{ base: 'calc(50% - 6px)', sm: 200 }}
        />
        <Select
          label={t('users.status')}
          data={(['all', 'active', 'inactive'] as const).map((s) => ({ value: s, label: t(`users.statuses.${s}`) }))}
          value={status || 'all'}
          onChange={(v) => url.set('status', v === 'all' ? null : v)}
          allowDeselect={false}
          w={{ base: 'calc(50% - 6px)', sm: 160 }}
        />
        <ClearFilters shown={filtered} onClear={() => url.clear()} />
      </FilterBar>
      <PagedList query={list} empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : t('users.empty')}</Text>}>
        {(items) => (
          <ScrollTable
            label={t('users.title')}
            minWidth={720}
            striped
            columns={[
              t('users.columns.name'),
              t('users.columns.role'),
              t('users.columns.status'),
              t('users.columns.lastLogin'),
              '',
            ]}
          >
              {items.map((user) => {
                const self = user.id === session?.user.id;
                return (
                  <Table.Tr key={user.id} data-testid="user-row">
                    <Table.Td maw={320}>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {name(user)}
                        </Text>
                        {self && (
                          <Badge size="xs" variant="outline" radius="sm">
                            {t('users.you')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{texts.role(user.role)}</Text>
                      {user.client_id && (
                        <Text size="xs" c="dimmed">
                          {t('users.client', { name: clientName.get(user.client_id) ?? '–' })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={user.is_active ? 'green' : 'gray'} variant="dot" radius="sm">
                          {user.is_active ? t('users.active') : t('users.inactive')}
                        </Badge>
                        {user.mfa_enabled && (
                          <Badge color="blue" variant="light" radius="sm">
                            {t('users.mfa')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {user.last_login_at ? formatDateTime(user.last_login_at) : t('users.never')}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={t('users.actions', { name: name(user) })}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(user)}>
                            {t('users.edit')}
                          </Menu.Item>
                          {user.is_active && (
                            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => makeResetLink(user)}>
                              {t('users.resetLink')}
                            </Menu.Item>
                          )}
                          <Menu.Item
                            leftSection={<IconHistory size={16} />}
                            component={Link}
                            to={`/admin/audit?entity_type=user&entity_id=${user.id}`}
                          >
                            {t('users.auditHistory')}
                          </Menu.Item>
                          {!self &&
                            (user.is_active ? (
                              <Menu.Item leftSection={<IconUserOff size={16} />} color="red" onClick={() => confirmDeactivate(user)}>
                                {t('users.deactivate')}
                              </Menu.Item>
                            ) : (
                              <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setActive(user, true)}>
                                {t('users.activate')}
                              </Menu.Item>
                            ))}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </ScrollTable>
        )}
      </PagedList>

      <Modal opened={creating} onClose={creation.close} title={t('userForm.createTitle')} size="lg">
        {roles.data && (
          <UserForm
            roles={roles.data.items}
            submitLabel={tc('actions.create')}
            onCancel={creation.close}
            onSubmit={async (values) => {
              const created = await create.mutateAsync({
                email: values.email.trim(),
                first_name: values.first_name.trim(),
                last_name: values.last_name.trim(),
                role: values.role,
                client_id: values.role === 'client' ? values.client_id : null,
                password: values.password === '' ? null : values.password,
              });
              creation.close();
              const createdName = `${created.first_name} ${created.last_name}`.trim();
              notifyDone(t('userForm.created', { name: createdName }));
              if (created.invite_url) setShown({ kind: 'invite', name: createdName, url: created.invite_url });
              else if (values.password === '') notifications.show({ message: t('userForm.invitedMailed', { email: created.email }) });
            }}
          />
        )}
      </Modal>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('userForm.editTitle')} size="lg">
        {editing && roles.data && (
          <UserForm
            user={editing}
            roles={roles.data.items}
            self={editing.id === session?.user.id}
            submitLabel={tc('actions.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({
                user: editing,
                input: {
                  first_name: values.first_name.trim(),
                  last_name: values.last_name.trim(),
                  ...(editing.id === session?.user.id
                    ? {}
                    : {
                        role: values.role,
                        client_id: values.role === 'client' ? values.client_id : null,
                        is_active: values.is_active,
                      }),
                },
              });
              setEditing(null);
              notifyDone(tc('states.saved'));
            }}
          />
        )}
      </Modal>

      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={shown?.kind === 'invite' ? t('userForm.invitedTitle', { name: shown.name }) : t('users.resetLinkTitle')}
        size="lg"
      >
        {shown && (
          <Stack gap="sm">
            <Alert color="blue" role="status">
              <Text size="sm">
                {shown.kind === 'invite'
                  ? t('userForm.invitedText', { name: shown.name })
                  : t('users.resetLinkText', { name: shown.name, date: formatDateTime(shown.expires) })}
              </Text>
            </Alert>
            <CopyField label={t('users.link')} value={shown.url} copyLabel={t('copy')} copiedLabel={t('copied')} testId="shown-link" />
            <Group justify="flex-end">
              <Button onClick={() => setShown(null)}>{t('userForm.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
