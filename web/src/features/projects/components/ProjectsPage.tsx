import {
  Anchor,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useClients } from '@/lib/queries/project';
import { useCreateProject, useProjectList, useRestoreProject } from '../api/projects';
import { ProjectForm, toBody, valuesOf } from './ProjectForm';
import '../i18n';

const STATUSES = ['PLANNING', 'CONFIRMED', 'IN_PRODUCTION', 'LIVE', 'WRAP_UP', 'COMPLETED', 'CANCELLED'];
const SORTS = ['start_date', '-start_date', 'name', '-updated_at'] as const;

/** Projects: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function ProjectsPage() {
  const { t } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, creation] = useDisclosure(false);
  const canCreate = useCan('projects:create');
  const seesClients = useCan('clients:read');
  const seesCosts = useCan('costs:read');
  const clients = useClients(seesClients);
  const create = useCreateProject();
  const restore = useRestoreProject();

  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = params.get('status') ?? '';
  const clientId = params.get('client') ?? '';
  const sort = params.get('sort') ?? 'start_date';
  const trash = params.get('trash') === '1';
  const status = useMemo(() => statusParam.split(',').filter(Boolean), [statusParam]);
  const filters = useMemo(
    () => ({ q: debouncedQ, status, client_id: clientId, sort, deleted: trash }),
    [debouncedQ, status, clientId, sort, trash],
  );
  const list = useProjectList(filters);
  const clientName = useMemo(() => new Map((clients.data?.items ?? []).map((c) => [c.id, c.name])), [clients.data]);
  const filtered = q !== '' || status.length > 0 || clientId !== '';

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
        title={trash ? t('list.trash') : t('list.title')}
        subtitle={total !== undefined && total !== null ? t('list.count', { count: total }) : undefined}
        actions={
          canCreate &&
          !trash && (
            <Button leftSection={<IconPlus size={16} />} onClick={creation.open}>
              {t('list.new')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('list.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
          type="search"
        />
        <MultiSelect
          label={t('list.statusFilter')}
          data={STATUSES.map((s) => ({ value: s, label: tc(`projectStatus.${s}`) }))}
          value={status}
          onChange={(v) => set('status', v.join(','))}
          clearable
          w={{ base: '100%', sm: 260 }}
        />
        {seesClients && (
          <Select
            label={t('list.clientFilter')}
            data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={clientId || null}
            onChange={(v) => set('client', v)}
            searchable
            clearable
            w={{ base: '100%', sm: 200 }}
          />
        )}
        <Select
          label={t('list.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => set('sort', v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
        />
        <Switch
          label={t('list.showTrash')}
          checked={trash}
          onChange={(e) => set('trash', e.currentTarget.checked ? '1' : null)}
          mb={8}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(trash ? { trash: '1' } : {}, { replace: true })} mb={2}>
            {tc('actions.clearFilters')}
          </Button>
        )}
      </Group>
      <QueryState
        query={list}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : trash ? t('list.emptyTrash') : t('list.empty')}</Text>}
      >
        {() => (
          <Stack gap="sm">
            <div className="table-scroll">
              <Table miw={640} striped aria-label={t('list.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('list.columns.name')}</Table.Th>
                    {seesClients && <Table.Th>{t('list.columns.client')}</Table.Th>}
                    <Table.Th>{t('list.columns.dates')}</Table.Th>
                    <Table.Th>{t('list.columns.status')}</Table.Th>
                    {seesCosts && <Table.Th ta="right">{t('list.columns.budget')}</Table.Th>}
                    {trash && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((project) => (
                    <Table.Tr key={project.id}>
                      <Table.Td>
                        {trash ? (
                          <Stack gap={0}>
                            <Text fw={500}>{project.name}</Text>
                            <Text size="xs" c="dimmed">
                              {t('list.deletedAt', { date: formatDateTime(project.deleted_at) })}
                            </Text>
                          </Stack>
                        ) : (
                          <Anchor component={Link} to={`/projects/${project.id}`} fw={500}>
                            {project.name}
                          </Anchor>
                        )}
                        {project.venue && (
                          <Text size="xs" c="dimmed">
                            {project.venue}
                          </Text>
                        )}
                      </Table.Td>
                      {seesClients && <Table.Td>{project.client_id ? clientName.get(project.client_id) ?? '–' : '–'}</Table.Td>}
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(project.start_date)} – {formatDate(project.end_date)}
                      </Table.Td>
                      <Table.Td>
                        <ProjectStatusBadge status={project.status} />
                      </Table.Td>
                      {seesCosts && (
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {formatMoney(project.budget, project.currency)}
                        </Table.Td>
                      )}
                      {trash && (
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="light"
                            loading={restore.isPending && restore.variables === project.id}
                            onClick={() =>
                              restore.mutate(project.id, {
                                onSuccess: () => notifications.show({ message: tc('states.restored'), color: 'green' }),
                              })
                            }
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
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {tc('actions.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </QueryState>
      <Modal opened={creating} onClose={creation.close} title={t('form.createTitle')} size="lg" fullScreen={false}>
        <ProjectForm
          initial={valuesOf()}
          showBudget={seesCosts}
          submitLabel={tc('actions.create')}
          onCancel={creation.close}
          onSubmit={async (values) => {
            const project = await create.mutateAsync(toBody(values, seesCosts));
            creation.close();
            notifications.show({ message: t('form.created', { name: project.name }), color: 'green' });
            void navigate(`/projects/${project.id}`);
          }}
        />
      </Modal>
    </>
  );
}
