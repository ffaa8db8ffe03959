import { Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmDanger, outcome } from '@/components/ui/confirm';
import { QueryState } from '@/components/ui/QueryState';
import { RowActions, ScrollTable } from '@/components/ui/TableParts';
import { errorMessage } from '@/lib/errors';
import { useMembers, useWorkspaceProject } from '@/lib/queries/project';
import { useCan } from '@/lib/queries/me';
import type { Member } from '@/lib/queries/types';
import { useAddMember, useChangeMemberRole, useRemoveMember, useUserSearch } from '../api/members';
import '../i18n';

const ROLES = ['MANAGER', 'MEMBER', 'VIEWER'] as const;

/** Who works on the project and in which role; managers add, change and remove. */
export function MembersTab() {
  const { t } = useTranslation('projects');
  const project = useWorkspaceProject();
  const members = useMembers(project.id);
  const manage = project.my_access?.manage ?? false;
  const changeRole = useChangeMemberRole(project.id);
  const remove = useRemoveMember(project.id);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`members.roles.${r}`) }));
  const name = (m: Member) => `${m.first_name} ${m.last_name}`.trim() || m.email;

  const confirmRemove = (member: Member) =>
    confirmDanger({
      title: t('members.remove'),
      message: t('members.removeConfirm', { name: name(member) }),
      onConfirm: () =>
        remove.mutate(member, outcome(t('members.removed', { name: name(member) }))),
    });

  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t('members.title')}
      </Title>
      {manage && <AddMember projectId={project.id} existing={members.data?.items ?? []} />}
      <QueryState query={members} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('members.empty')}</Text>}>
        {(data) => (
          <ScrollTable label={t('members.title')} minWidth={480} columns={[t('members.user'), t('members.role'), manage && '']}>
            {data.items.map((member) => (
              <Table.Tr key={member.user_id} data-testid="member-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {name(member)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {member.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {manage ? (
                    <Select
                      aria-label={`${t('members.role')}: ${name(member)}`}
                      data={roleOptions}
                      value={member.role}
                      allowDeselect={false}
                      w={170}
                      size="xs"
                      onChange={(role) =>
                        role &&
                        changeRole.mutate(
                          { member, role },
                          outcome(t('members.changed')),
                        )
                      }
                    />
                  ) : (
                    t(`members.roles.${member.role}`, { defaultValue: member.role })
                  )}
                </Table.Td>
                {manage && (
                  <Table.Td>
                    <RowActions deleteLabel={`${t('members.remove')}: ${name(member)}`} onDelete={() => confirmRemove(member)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryState>
    </Stack>
  );
}

function AddMember({ projectId, existing }: { projectId: string; existing: Member[] }) {
  const { t } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const canSearchUsers = useCan('users:read');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<string>('MEMBER');
  const users = useUserSearch(debounced, canSearchUsers);
  const add = useAddMember(projectId);
  const taken = new Set(existing.map((m) => m.user_id));
  const options = (users.data?.items ?? [])
    .filter((u) => !taken.has(u.id) && u.role !== 'client')
    .map((u) => ({ value: u.id, label: `${u.first_name} ${u.last_name} (${u.email})` }));
  if (!canSearchUsers) return null;

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('members.user')}
          placeholder={t('members.pickUser')}
          data={options}
          value={userId}
          onChange={setUserId}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          nothingFoundMessage={tc('states.noMatches')}
          w={{ base: '100%', sm: 320 }}
          filter={({ options: all }) => all}
        />
        <Select
          label={t('members.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`members.roles.${r}`) }))}
          value={role}
          onChange={(v) => setRole(v ?? 'MEMBER')}
          allowDeselect={false}
          w={{ base: '100%', sm: 180 }}
        />
        <Button
          disabled={!userId}
          loading={add.isPending}
          onClick={() =>
            userId &&
            add.mutate(
              { user_id: userId, role },
              {
                onSuccess: (member) => {
                  notifications.show({
                    message: t('members.added', { name: `${member.first_name} ${member.last_name}` }),
                    color: 'green',
                  });
                  setUserId(null);
                  setSearch('');
                },
              },
            )
          }
        >
          {t('members.add')}
        </Button>
      </Group>
      {add.isError && (
        <Alert color="red" role="alert">
          {errorMessage(add.error, tc)}
        </Alert>
      )}
    </Stack>
  );
}
