import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmDanger, notifyDone, notifyFailed, outcome } from '@/components/ui/confirm';
import { ItemDialogs } from '@/components/ui/ItemDialogs';
import { ClearFilters, CreateButton, FilterBar, MultiFilter, SearchField } from '@/components/ui/ListParts';
import { SectionHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { DetailList } from '@/components/ui/TableParts';
import { localizeFieldProblems } from '@/lib/fieldErrors';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useItemDialog } from '@/lib/itemDialog';
import { useCan } from '@/lib/queries/me';
import { useSuppliers, useWorkspaceProject } from '@/lib/queries/project';
import type { Project } from '@/lib/queries/types';
import { listParam, useUrlParams } from '@/lib/urlParams';
import {
  type Transport,
  useCreateTransport,
  useDeleteTransport,
  useTransports,
  useUpdateTransport,
} from '../api/transports';
import { TRANSPORT_STATUSES, TRANSPORT_TYPES } from '../status';
import { TransportForm, toCreateBody, toUpdateBody, valuesOf } from './TransportForm';
import { CarriedLines } from './CarriedLines';
import { TransportTable } from './TransportTable';
import { TransportTimeline } from './TransportTimeline';
import { route, TransportStatusBadge, TransportTypeBadge, Warnings } from './parts';
import '../i18n';

/** Transports of the production as a table or day by day around build-up and dismantling. */
export function LogisticsTab() {
  const { t } = useTranslation('logistics');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const seesSuppliers = useCan('suppliers:read');
  const suppliers = useSuppliers(seesSuppliers);
  const url = useUrlParams();
  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = url.get('status');
  const typeParam = url.get('type');
  const view = url.get('view') === 'timeline' ? 'timeline' : 'table';
  const filters = useMemo(
    () => ({ q: debouncedQ, status: listParam(statusParam), logistics_type: listParam(typeParam) }),
    [debouncedQ, statusParam, typeParam],
  );
  const filtered = q !== '' || statusParam !== '' || typeParam !== '';
  const transports = useTransports(project.id, filters);
  const dialog = useItemDialog(transports.data, write);
  const create = useCreateTransport(project.id);
  const update = useUpdateTransport(project.id);
  const remove = useDeleteTransport(project.id);
  const names = useMemo(() => new Map((suppliers.data?.items ?? []).map((s) => [s.id, s.name])), [suppliers.data]);
  const supplierName = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);

  const move = (transport: Transport, status: string) =>
    update.mutate(
      { transport, body: { status } },
      {
        onSuccess: (next) => notifyDone(t('moved', { name: next.description, status: t(`statuses.${next.status}`) })),
        onError: (error) =>
          notifyFailed(
            localizeFieldProblems(error, (p) =>
              p.field === 'scheduled_at' && p.code === 'required'
                ? t('serverErrors.needsDate')
                : t(`serverErrors.${p.code}`, { defaultValue: '' }) || undefined,
            ),
          ),
      },
    );

  const confirmDelete = (transport: Transport) =>
    confirmDanger({
      title: t('deleteOf', { name: transport.description }),
      message: t('deleteConfirm', { name: transport.description }),
      confirmLabel: t('delete'),
      onConfirm: () => remove.mutate(transport, outcome(t('deleted', { name: transport.description }))),
    });

  const items = transports.data ?? [];
  const warned = items.filter((x) => x.warnings.length > 0).length;

  return (
    <Stack gap="md">
      <SectionHeader
        title={t('title')}
        below={
          transports.data && (
            <Text size="sm" c="dimmed" data-testid="transport-count">
              {t('count', { count: items.length })}
              {warned > 0 && ` · ${t('withWarnings', { count: warned })}`}
            </Text>
          )
        }
        actions={write && <CreateButton onClick={dialog.create}>{t('new')}</CreateButton>}
      />
      <FilterBar>
        <SearchField label={t('search')} value={q} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 300 }} />
        <MultiFilter url={url} param="type" label={t('typeFilter')} data={TRANSPORT_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))} w={{ base: '100%', sm: 220 }} />
        <MultiFilter url={url} param="status" label={t('statusFilter')} data={TRANSPORT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} w={{ base: '100%', sm: 240 }} />
        <ClearFilters shown={filtered} onClear={() => url.clear(['view'])} />
        <SegmentedControl
          aria-label={t('view.label')}
          value={view}
          onChange={(v) => url.set('view', v === 'timeline' ? 'timeline' : null)}
          data={[
            { value: 'table', label: t('view.table') },
            { value: 'timeline', label: t('view.timeline') },
          ]}
          ml={{ base: 0, sm: 'auto' }}
          mb={2}
        />
      </FilterBar>
      <QueryState
        query={transports}
        isEmpty={(list) => list.length === 0}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : t('empty')}</Text>}
      >
        {(list) =>
          view === 'timeline' ? (
            <Stack gap={4}>
              {filtered && (
                <Text size="xs" c="dimmed">
                  {t('timeline.filteredHint')}
                </Text>
              )}
              <TransportTimeline project={project} items={list} onOpen={dialog.open} />
            </Stack>
          ) : (
            <TransportTable
              project={project}
              items={list}
              supplierName={supplierName}
              showSupplier={seesSuppliers}
              pendingId={update.isPending ? (update.variables?.transport.id ?? null) : null}
              onOpen={dialog.open}
              onMove={move}
              onDelete={confirmDelete}
            />
          )
        }
      </QueryState>
      <ItemDialogs
        dialog={dialog.dialog}
        current={dialog.current}
        onClose={dialog.close}
        titles={{ create: t('form.createTitle'), edit: t('form.editTitle'), view: (transport) => t('details', { name: transport.description }) }}
        form={(transport, props, done) => (
          <TransportForm
            {...props}
            initial={valuesOf(transport)}
            showCost={costs}
            currency={project.currency}
            defaultMonth={project.build_up_date ?? project.start_date}
            onSubmit={async (values, withSupplier) => {
              if (transport) {
                await update.mutateAsync({ transport, body: toUpdateBody(values, costs, withSupplier) });
                done(tc('states.saved'));
              } else {
                const created = await create.mutateAsync(toCreateBody(values, costs, withSupplier));
                done(t('form.created', { name: created.description }));
              }
            }}
          />
        )}
        details={(transport) => <TransportDetails transport={transport} project={project} supplier={supplierName(transport.supplier_id)} />}
      />
    </Stack>
  );
}

/** Everything about one transport, for those who may only read. */
function TransportDetails({ transport, project, supplier }: { transport: Transport; project: Project; supplier: string | null }) {
  const { t } = useTranslation('logistics');
  const costs = project.my_access?.sees_costs ?? false;
  const rows: [string, ReactNode][] = [
    [t('form.type'), <TransportTypeBadge key="t" type={transport.logistics_type} />],
    [t('form.status'), <TransportStatusBadge key="s" status={transport.status} />],
    [t('form.scheduledAt'), transport.scheduled_at ? formatDateTime(transport.scheduled_at) : t('noDate')],
    ...(transport.actual_at ? ([[t('form.actualAt'), formatDateTime(transport.actual_at)]] as [string, ReactNode][]) : []),
    [`${t('form.from')} / ${t('form.to')}`, route(transport) || '–'],
    [t('form.vehicle'), transport.vehicle ?? '–'],
    [t('form.contact'), transport.contact ?? '–'],
    ...(supplier ? ([[t('form.supplier'), supplier]] as [string, ReactNode][]) : []),
    ...(costs ? ([[t('form.cost'), formatMoney(transport.cost, project.currency)]] as [string, ReactNode][]) : []),
    [t('form.notes'), transport.notes ?? '–'],
  ];
  return (
    <Stack gap="xs">
      <Warnings transport={transport} />
      <CarriedLines projectId={project.id} ids={transport.bom_item_ids} variant="list" />
      <DetailList rows={rows} />
    </Stack>
  );
}
