import { Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { notifyDone } from '@/components/ui/confirm';
import { useCan } from '@/lib/queries/me';
import { useUrlParams } from '@/lib/urlParams';
import { useClientList, useCreateClient, useRestoreClient } from '../api/clients';
import { ClientForm, clientBody, clientValues } from './ClientForm';
import { DirectoryList } from './DirectoryList';
import '../i18n';

/** Clients: search and sort live in the URL, so a list can be bookmarked and shared. */
export function ClientsPage() {
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const url = useUrlParams();
  const canWrite = useCan('clients:write');
  const create = useCreateClient();
  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const sort = url.get('sort', 'name');
  const trash = canWrite && url.get('trash') === '1';
  const filters = useMemo(() => ({ q: debouncedQ, sort, deleted: trash }), [debouncedQ, sort, trash]);
  const list = useClientList(filters);
  const restore = useRestoreClient();

  return (
    <DirectoryList
      kind="clients"
      url={url}
      canWrite={canWrite}
      trash={trash}
      filtered={q !== ''}
      onClear={() => url.set('q', null)}
      sortWidth={{ base: '100%', sm: 200 }}
      list={list}
      restore={restore}
      minWidth={640}
      before={{
        columns: [t('fields.contactPerson')],
        cells: (client) => (
          <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
            {client.contact_person ?? '–'}
          </Table.Td>
        ),
      }}
      createForm={(close) => (
        <ClientForm
          initial={clientValues()}
          submitLabel={tc('actions.create')}
          onCancel={close}
          onSubmit={async (values) => {
            const client = await create.mutateAsync(clientBody(values));
            close();
            notifyDone(t('clients.created', { name: client.name }));
            void navigate(`/clients/${client.id}`);
          }}
        />
      )}
    />
  );
}
