import { Anchor, Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { formatDateTime } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useClientList, useCreateClient, useRestoreClient } from '../api/clients';
import { ClientForm, clientBody, clientValues } from './ClientForm';
import { EmailLink, PhoneLink } from './parts';
import '../i18n';

const SORTS = ['name', '-name', '-updated_at', '-created_at'] as const;

/** Clients: search and sort live in the URL, so a list can be bookmarked and shared. */
export function ClientsPage() {
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, creation] = useDisclosure(false);
  const canWrite = useCan('clients:write');
  const create = useCreateClient();
  const restore = useRestoreClient();

  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const sort = params.get('sort') ?? 'name';
  const trash = canWrite && params.get('trash') === '1';
  const filters = useMemo(() => ({ q: debouncedQ, sort, deleted: trash }), [debouncedQ, sort, trash]);
  const list = useClientList(filters);
  const filtered = q !== '';

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={trash ? t('clients.trash') : t('clients.title')}
        subtitle={total !== undefined ? t('clients.count', { count: total }) : undefined}
        actions={
          canWrite &&
          !trash && (
            <Button leftSection={<IconPlus size={16} />} onClick={creation.open}>
              {t('clients.new')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('clients.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 260 }}
          type="search"
        />
        <Select
          label={t('list.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => set('sort', v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
        {canWrite && (
          <Switch
            label={t('list.showTrash')}
            checked={trash}
            onChange={(e) => set('trash', e.currentTarget.checked ? '1' : null)}
            mb={8}
          />
        )}
        {filtered && (
          <Button variant="subtle" onClick={() => set('q', null)} mb={2}>
            {tc('actions.clearFilters')}
          </Button>
        )}
      </Group>
      <QueryState
        query={list}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : trash ? t('clients.emptyTrash') : t('clients.empty')}</Text>}
      >
        {() => (
          <Stack gap="sm">
            <div className="table-scroll">
              <Table miw={640} striped aria-label={trash ? t('clients.trash') : t('clients.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.name')}</Table.Th>
                    <Table.Th>{t('fields.contactPerson')}</Table.Th>
                    <Table.Th>{t('fields.contact')}</Table.Th>
                    {trash && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((client) => (
                    <Table.Tr key={client.id} data-testid="client-row">
                      <Table.Td maw={340}>
                        {trash ? (
                          <Stack gap={0}>
                            <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                              {client.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('fields.deletedAt', { date: formatDateTime(client.deleted_at) })}
                            </Text>
                          </Stack>
                        ) : (
                          <Anchor component={Link} to={`/clients/${client.id}`} fw={500} style={{ overflowWrap: 'anywhere' }}>
                            {client.name}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                        {client.contact_person ?? '–'}
                      </Table.Td>
                      <Table.Td maw={260}>
                        <Stack gap={0}>
                          <EmailLink email={client.email} />
                          <PhoneLink phone={client.phone} />
                        </Stack>
                      </Table.Td>
                      {trash && (
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="light"
                            loading={restore.isPending && restore.variables === client.id}
                            onClick={() =>
                              restore.mutate(client.id, {
                                onSuccess: () => notifications.show({ message: tc('states.restored'), color: 'green' }),
                              })
                            }
                            aria-label={`${tc('actions.restore')}: ${client.name}`}
                          >
                            {tc('actions.restore')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {restore.isError && <ErrorAlert error={restore.error} />}
            {list.hasNextPage && (
              <Stack gap={4} align="center">
                {total !== undefined && (
                  <Text size="xs" c="dimmed">
                    {t('list.showing', { shown: items.length, count: total })}
                  </Text>
                )}
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {tc('actions.loadMore')}
                </Button>
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
      <Modal opened={creating} onClose={creation.close} title={t('clients.createTitle')} size="lg">
        <ClientForm
          initial={clientValues()}
          submitLabel={tc('actions.create')}
          onCancel={creation.close}
          onSubmit={async (values) => {
            const client = await create.mutateAsync(clientBody(values));
            creation.close();
            notifications.show({ message: t('clients.created', { name: client.name }), color: 'green' });
            void navigate(`/clients/${client.id}`);
          }}
        />
      </Modal>
    </>
  );
}
