import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { NameLink } from '@/components/ui/ListParts';
import { notifyDone } from '@/components/ui/confirm';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDateRange, formatDateTime } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import type { Client } from '@/lib/queries/types';
import { useClient, useClientProjects, useTrashClient, useUpdateClient } from '../api/clients';
import { ClientForm, clientBody, clientValues } from './ClientForm';
import { DetailShell } from './DetailShell';
import { Detail, EmailLink, PhoneLink } from './parts';
import '../i18n';

export function ClientDetailPage() {
  const { clientId = '' } = useParams();
  const client = useClient(clientId);
  return <QueryState query={client}>{(data) => <ClientDetail client={data} refetch={client.refetch} />}</QueryState>;
}

function ClientDetail({ client, refetch }: { client: Client; refetch: () => Promise<{ data?: Client }> }) {
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const canWrite = useCan('clients:write');
  const update = useUpdateClient(client);
  const trash = useTrashClient(client);

  return (
    <DetailShell
      list="/clients"
      title={client.name}
      subtitle={client.contact_person ?? undefined}
      canWrite={canWrite}
      deleted={!!client.deleted_at}
      trash={trash}
      trashConfirm={t('clients.trashConfirm', { name: client.name })}
      trashed={t('clients.trashed')}
      editTitle={t('clients.editTitle')}
      details={
        <>
          <Detail label={t('fields.contactPerson')}>{client.contact_person}</Detail>
          <Detail label={t('fields.email')}>{client.email && <EmailLink email={client.email} />}</Detail>
          <Detail label={t('fields.phone')}>{client.phone && <PhoneLink phone={client.phone} />}</Detail>
          <Detail label={t('fields.address')}>{client.address}</Detail>
          <Detail label={t('fields.notes')} wide>
            {client.notes}
          </Detail>
          <Detail label={t('fields.createdAt')}>{formatDateTime(client.created_at)}</Detail>
          <Detail label={t('fields.updatedAt')}>{formatDateTime(client.updated_at)}</Detail>
        </>
      }
      form={(close) => (
        <ClientForm
          initial={clientValues(client)}
          submitLabel={tc('actions.save')}
          onCancel={close}
          onReload={async () => {
            const latest = await refetch();
            return latest.data ? clientValues(latest.data) : undefined;
          }}
          onSubmit={async (values) => {
            await update.mutateAsync(clientBody(values));
            close();
            notifyDone(tc('states.saved'));
          }}
        />
      )}
    >
      <ClientProjects clientId={client.id} />
    </DetailShell>
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
            <ScrollTable
              label={t('clients.projects')}
              minWidth={520}
              striped
              columns={[t('fields.name'), t('clients.dates'), t('clients.status')]}
            >
              {data.items.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>
                    <NameLink to={`/projects/${project.id}`} name={project.name} sub={project.venue} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateRange(project.start_date, project.end_date)}</Table.Td>
                  <Table.Td>
                    <ProjectStatusBadge status={project.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
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
