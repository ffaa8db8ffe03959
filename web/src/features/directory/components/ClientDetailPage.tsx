import { Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { errorMessage } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import type { Client } from '@/lib/queries/types';
import { useClient, useClientProjects, useTrashClient, useUpdateClient } from '../api/clients';
import { ClientForm, clientBody, clientValues } from './ClientForm';
import { Detail, Details, EmailLink, PhoneLink } from './parts';
import '../i18n';

export function ClientDetailPage() {
  const { clientId = '' } = useParams();
  const client = useClient(clientId);
  return <QueryState query={client}>{(data) => <ClientDetail client={data} refetch={client.refetch} />}</QueryState>;
}

function ClientDetail({ client, refetch }: { client: Client; refetch: () => Promise<{ data?: Client }> }) {
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('clients:write');
  const [editing, editor] = useDisclosure(false);
  const update = useUpdateClient(client);
  const trash = useTrashClient(client);

  const confirmTrash = () =>
    modals.openConfirmModal({
      title: t('detail.trash'),
      children: <Text size="sm">{t('clients.trashConfirm', { name: client.name })}</Text>,
      labels: { confirm: t('detail.trash'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        trash.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ message: t('clients.trashed'), color: 'green' });
            void navigate('/clients');
          },
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red', autoClose: 10_000 }),
        }),
    });

  return (
    <>
      <Anchor component={Link} to="/clients" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> {t('detail.back')}
      </Anchor>
      <PageHeader
        title={client.name}
        subtitle={client.contact_person ?? undefined}
        actions={
          canWrite &&
          !client.deleted_at && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editor.open}>
                {tc('actions.edit')}
              </Button>
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={confirmTrash} loading={trash.isPending}>
                {t('detail.trash')}
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Details>
            <Detail label={t('fields.contactPerson')}>{client.contact_person}</Detail>
            <Detail label={t('fields.email')}>{client.email && <EmailLink email={client.email} />}</Detail>
            <Detail label={t('fields.phone')}>{client.phone && <PhoneLink phone={client.phone} />}</Detail>
            <Detail label={t('fields.address')}>{client.address}</Detail>
            <Detail label={t('fields.notes')} wide>
              {client.notes}
            </Detail>
            <Detail label={t('fields.createdAt')}>{formatDateTime(client.created_at)}</Detail>
            <Detail label={t('fields.updatedAt')}>{formatDateTime(client.updated_at)}</Detail>
          </Details>
        </Paper>
        <ClientProjects clientId={client.id} />
      </Stack>
      <Modal opened={editing} onClose={editor.close} title={t('clients.editTitle')} size="lg">
        <ClientForm
          initial={clientValues(client)}
          submitLabel={tc('actions.save')}
          onCancel={editor.close}
          onReload={async () => {
            const latest = await refetch();
            return latest.data ? clientValues(latest.data) : undefined;
          }}
          onSubmit={async (values) => {
            await update.mutateAsync(clientBody(values));
            editor.close();
            notifications.show({ message: tc('states.saved'), color: 'green' });
          }}
        />
      </Modal>
    </>
  );
}

function ClientProjects({ clientId }: { clientId: string }) {
  const { t } = useTranslation('directory');
  const projects = useClientProjects(clientId);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('clients.projects')}
      </Title>
      <QueryState query={projects} isEmpty={(d) => d.items.length === 0} empty={<Text c="dimmed">{t('clients.noProjects')}</Text>}>
        {(data) => (
          <>
            <div className="table-scroll">
              <Table miw={520} striped aria-label={t('clients.projects')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.name')}</Table.Th>
                    <Table.Th>{t('clients.dates')}</Table.Th>
                    <Table.Th>{t('clients.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((project) => (
                    <Table.Tr key={project.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/projects/${project.id}`} fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {project.name}
                        </Anchor>
                        {project.venue && (
                          <Text size="xs" c="dimmed">
                            {project.venue}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(project.start_date)} – {formatDate(project.end_date)}
                      </Table.Td>
                      <Table.Td>
                        <ProjectStatusBadge status={project.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {data.total > data.items.length && (
              <Group>
                <Anchor component={Link} to={`/projects?client=${clientId}`} size="sm">
                  {t('clients.moreProjects', { count: data.total })}
                </Anchor>
              </Group>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
