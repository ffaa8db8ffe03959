import { Badge, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmDanger, notifyDone, outcome } from '@/components/ui/confirm';
import { CreateButton } from '@/components/ui/ListParts';
import { QueryState } from '@/components/ui/QueryState';
import { RowActions, ScrollTable } from '@/components/ui/TableParts';
import { BUILTIN_ROLES, usePermissionTexts } from '@/lib/permissions';
import { useCan } from '@/lib/queries/me';
import { useCreateRole, useDeleteRole, useRoles, useUpdateRole, type Role } from '../api/roles';
import { RoleForm, type RoleValues } from './RoleForm';
import '../i18n';

/** The descriptions the server gives its built-in roles; shown translated while unchanged. */
const BUILTIN_DESCRIPTIONS: Record<string, string> = {
  admin: 'Everything, in every project',
  project_manager: 'Creates projects and manages the projects they manage',
  member: 'Reads and writes in the projects they belong to',
  viewer: 'Reads the projects they belong to',
  client: 'Reads the projects of their own client, without internal costs',
};

/** Roles and what they grant; custom roles are created and changed here. */
export function RolesTab() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const texts = usePermissionTexts();
  const canManage = useCan('roles:manage');
  const roles = useRoles();
  const create = useCreateRole();
  const remove = useDeleteRole();
  const [creating, creation] = useDisclosure(false);
  const [editing, setEditing] = useState<Role | null>(null);

  const description = (role: Role) => {
    const builtin = (BUILTIN_ROLES as readonly string[]).includes(role.name);
    if (role.is_builtin && builtin && role.description === BUILTIN_DESCRIPTIONS[role.name]) {
      return t(`roles.builtinDescriptions.${role.name}`);
    }
    return role.description ?? '';
  };

  const confirmDelete = (role: Role) =>
    confirmDanger({
      title: t('roles.delete'),
      message: t('roles.deleteConfirm', { name: texts.role(role.name) }),
      onConfirm: () => remove.mutate(role, outcome(t('roles.deleted'), undefined, { autoClose: 10_000 })),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 240 }}>
          {t('roles.intro')}
        </Text>
        {canManage && (
          <CreateButton onClick={creation.open}>{t('roles.new')}</CreateButton>
        )}
      </Group>
      <QueryState query={roles} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('roles.empty')}</Text>}>
        {(data) => (
          <ScrollTable
            label={t('roles.title')}
            minWidth={760}
            verticalSpacing="sm"
            columns={[t('roles.name'), t('roles.permissions'), canManage && '']}
          >
            {data.items.map((role) => (
              <Table.Tr key={role.id} data-testid="role-row">
                <Table.Td maw={320} style={{ verticalAlign: 'top' }}>
                  <Group gap={6}>
                    <Text fw={600} size="sm">
                      {texts.role(role.name)}
                    </Text>
                    {role.is_builtin && (
                      <Badge size="xs" variant="light" color="gray" radius="sm">
                        {t('roles.builtin')}
                      </Badge>
                    )}
                    {role.require_mfa && (
                      <Badge size="xs" variant="light" color="orange" radius="sm">
                        {t('roles.mfaRequired')}
                      </Badge>
                    )}
                  </Group>
                  <Code fz="xs">{role.name}</Code>
                  {description(role) && (
                    <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
                      {description(role)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {role.permissions.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('roles.noPermissions')}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {role.permissions.map((p) => (
                        <Badge key={p} variant="light" radius="sm" tt="none" color={p === '*' ? 'red' : 'blue'}>
                          {texts.label(p)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                {canManage && (
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <RowActions
                      editLabel={t('roles.editLabel', { name: texts.role(role.name) })}
                      deleteLabel={t('roles.deleteLabel', { name: texts.role(role.name) })}
                      onEdit={() => setEditing(role)}
                      onDelete={role.is_builtin ? undefined : () => confirmDelete(role)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryState>
      <Modal opened={creating} onClose={creation.close} title={t('roles.createTitle')} size="lg">
        <RoleForm
          submitLabel={tc('actions.create')}
          onCancel={creation.close}
          onSubmit={async (values) => {
            const role = await create.mutateAsync({
              name: values.name.trim(),
              description: values.description.trim() || null,
              permissions: values.permissions,
              require_mfa: values.require_mfa,
            });
            creation.close();
            notifyDone(t('roles.created', { name: role.name }));
          }}
        />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('roles.editTitle', { name: texts.role(editing.name) }) : ''}
        size="lg"
      >
        {editing && <EditRole role={editing} onClose={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function EditRole({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const update = useUpdateRole(role);
  const body = (values: RoleValues) => ({
    description: values.description.trim() || null,
    require_mfa: values.require_mfa,
    // Built-in roles keep their name and permissions: the server refuses other values.
    ...(role.is_builtin ? {} : { name: values.name.trim(), permissions: values.permissions }),
  });
  return (
    <RoleForm
      role={role}
      submitLabel={tc('actions.save')}
      onCancel={onClose}
      onSubmit={async (values) => {
        await update.mutateAsync(body(values));
        onClose();
        notifyDone(t('roles.saved'));
      }}
    />
  );
}
