import { Modal, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { notifyDone } from '@/components/ui/confirm';
import { ClearFilters, CreateButton, FilterBar, FilterSwitch, MultiFilter, NameLink, PagedList, RestoreCell, SearchField, SubLine, TrashedName } from '@/components/ui/ListParts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDateRange, formatDateTime, formatMoney } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useClients } from '@/lib/queries/project';
import { listParam, useUrlParams } from '@/lib/urlParams';
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
  const url = useUrlParams();
  const [creating, creation] = useDisclosure(false);
  const canCreate = useCan('projects:create');
  const seesClients = useCan('clients:read');
  const seesCosts = useCan('costs:read');
  const clients = useClients(seesClients);
  const create = useCreateProject();
  const restore = useRestoreProject();

  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = url.get('status');
  const clientId = url.get('client');
  const sort = url.get('sort', 'start_date');
  const trash = url.get('trash') === '1';
  const status = useMemo(() => listParam(statusParam), [statusParam]);
  const filters = useMemo(
    () => ({ q: debouncedQ, status, client_id: clientId, sort, deleted: trash }),
    [debouncedQ, status, clientId, sort, trash],
  );
  const list = useProjectList(filters);
  const clientName = useMemo(() => new Map((clients.data?.items ?? []).map((c) => [c.id, c.name])), [clients.data]);
  const filtered = q !== '' || status.length > 0 || clientId !== '';

  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={trash ? t('list.trash') : t('list.title')}
        subtitle={total !== undefined && total !== null ? t('list.count', { count: total }) : undefined}
        actions={canCreate && !trash && <CreateButton onClick={creation.open}>{t('list.new')}</CreateButton>}
      />
      <FilterBar mb="md">
        <SearchField label={t('list.search')} value={q} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 240 }} />
        <MultiFilter url={url} param="status" label={t('list.statusFilter')} data={STATUSES.map((s) => ({ value: s, label: tc(`projectStatus.${s}`) }))} w={{ base: '100%', sm: 260 }} />
        {seesClients && (
          <Select
            label={t('list.clientFilter')}
            data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={clientId || null}
            onChange={(v) => url.set('client', v)}
            searchable
            clearable
            w={{ base: '100%', sm: 200 }}
          />
        )}
        <Select
          label={t('list.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => url.set('sort', v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
        />
        <FilterSwitch label={t('list.showTrash')} checked={trash} onChange={(on) => url.set('trash', on ? '1' : null)} />
        <ClearFilters shown={filtered} onClear={() => url.clear(['trash'])} />
      </FilterBar>
      <PagedList
        query={list}
        actionError={restore.error}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : trash ? t('list.emptyTrash') : t('list.empty')}</Text>}
      >
        {(items) => (
          <ScrollTable
            label={t('list.title')}
            minWidth={640}
            striped
            columns={[
              t('list.columns.name'),
              seesClients && t('list.columns.client'),
              t('list.columns.dates'),
              t('list.columns.status'),
              seesCosts && { label: t('list.columns.budget'), align: 'right' },
              trash && '',
            ]}
          >
            {items.map((project) => (
              <Table.Tr key={project.id}>
                <Table.Td>
                  {trash ? (
                    <>
                      <TrashedName name={project.name} note={t('list.deletedAt', { date: formatDateTime(project.deleted_at) })} />
                      <SubLine>{project.venue}</SubLine>
                    </>
                  ) : (
                    <NameLink to={`/projects/${project.id}`} name={project.name} sub={project.venue} />
                  )}
                </Table.Td>
                {seesClients && <Table.Td>{project.client_id ? clientName.get(project.client_id) ?? '–' : '–'}</Table.Td>}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateRange(project.start_date, project.end_date)}</Table.Td>
                <Table.Td>
                  <ProjectStatusBadge status={project.status} />
                </Table.Td>
                {seesCosts && (
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(project.budget, project.currency)}
                  </Table.Td>
                )}
                {trash && <RestoreCell id={project.id} name={project.name} restore={restore} />}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </PagedList>
      <Modal opened={creating} onClose={creation.close} title={t('form.createTitle')} size="lg" fullScreen={false}>
        <ProjectForm
          initial={valuesOf()}
          showBudget={seesCosts}
          submitLabel={tc('actions.create')}
          onCancel={creation.close}
          onSubmit={async (values) => {
            const project = await create.mutateAsync(toBody(values, seesCosts));
            creation.close();
            notifyDone(t('form.created', { name: project.name }));
            void navigate(`/projects/${project.id}`);
          }}
        />
      </Modal>
    </>
  );
}
