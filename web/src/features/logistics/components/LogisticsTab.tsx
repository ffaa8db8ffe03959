import { Button, Group, Modal, MultiSelect, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/ui/QueryState';
import { errorMessage } from '@/lib/errors';
import { localizeFieldProblems, problemSentence } from '@/lib/fieldProblems';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useSuppliers, useWorkspaceProject } from '@/lib/queries/project';
import type { Project } from '@/lib/queries/types';
import {
  type Transport,
  useCreateTransport,
  useDeleteTransport,
  useTransports,
  useUpdateTransport,
} from '../api/transports';
import { TRANSPORT_STATUSES, TRANSPORT_TYPES } from '../status';
import { TransportForm, toCreateBody, toUpdateBody, valuesOf } from './TransportForm';
import { TransportTable } from './TransportTable';
import { TransportTimeline } from './TransportTimeline';
import { route, TransportStatusBadge, TransportTypeBadge, Warnings } from './parts';
import '../i18n';

type Dialog = { mode: 'create' } | { mode: 'edit' | 'view'; transport: Transport } | null;

/** Transports of the production as a table or day by day around build-up and dismantling. */
export function LogisticsTab() {
  const { t } = useTranslation('logistics');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const seesSuppliers = useCan('suppliers:read');
  const suppliers = useSuppliers(seesSuppliers);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = params.get('status') ?? '';
  const typeParam = params.get('type') ?? '';
  const view = params.get('view') === 'timeline' ? 'timeline' : 'table';
  const filters = useMemo(
    () => ({
      q: debouncedQ,
      status: statusParam.split(',').filter(Boolean),
      logistics_type: typeParam.split(',').filter(Boolean),
    }),
    [debouncedQ, statusParam, typeParam],
  );
  const filtered = q !== '' || statusParam !== '' || typeParam !== '';
  const transports = useTransports(project.id, filters);
  const [dialog, setDialog] = useState<Dialog>(null);
  const create = useCreateTransport(project.id);
  const update = useUpdateTransport(project.id);
  const remove = useDeleteTransport(project.id);
  const names = useMemo(() => new Map((suppliers.data?.items ?? []).map((s) => [s.id, s.name])), [suppliers.data]);
  const supplierName = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const current = dialog && dialog.mode !== 'create' ? (transports.data?.find((x) => x.id === dialog.transport.id) ?? dialog.transport) : null;
  const open = (transport: Transport) => setDialog({ mode: write ? 'edit' : 'view', transport });

  const move = (transport: Transport, status: string) =>
    update.mutate(
      { transport, body: { status } },
      {
        onSuccess: (next) =>
          notifications.show({
            message: t('moved', { name: next.description, status: t(`statuses.${next.status}`) }),
            color: 'green',
          }),
        onError: (error) =>
          notifications.show({
            message: problemSentence(
              localizeFieldProblems(error, (p) =>
                p.field === 'scheduled_at' && p.code === 'required'
                  ? t('serverErrors.needsDate')
                  : t(`serverErrors.${p.code}`, { defaultValue: '' }) || undefined,
              ),
              tc,
            ),
            color: 'red',
          }),
      },
    );

  const confirmDelete = (transport: Transport) =>
    modals.openConfirmModal({
      title: t('deleteOf', { name: transport.description }),
      children: <Text size="sm">{t('deleteConfirm', { name: transport.description })}</Text>,
      labels: { confirm: t('delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(transport, {
          onSuccess: () => notifications.show({ message: t('deleted', { name: transport.description }), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  const items = transports.data ?? [];
  const warned = items.filter((x) => x.warnings.length > 0).length;
  const defaultMonth = project.build_up_date ?? project.start_date;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} size="h4">
            {t('title')}
          </Title>
          {transports.data && (
            <Text size="sm" c="dimmed" data-testid="transport-count">
              {t('count', { count: items.length })}
              {warned > 0 && ` · ${t('withWarnings', { count: warned })}`}
            </Text>
          )}
        </Stack>
        {write && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ mode: 'create' })}>
            {t('new')}
          </Button>
        )}
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 300 }}
          type="search"
        />
        <MultiSelect
          label={t('typeFilter')}
          data={TRANSPORT_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))}
          value={filters.logistics_type}
          onChange={(v) => set('type', v.join(','))}
          clearable
          w={{ base: '100%', sm: 220 }}
        />
        <MultiSelect
          label={t('statusFilter')}
          data={TRANSPORT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={filters.status}
          onChange={(v) => set('status', v.join(','))}
          clearable
          w={{ base: '100%', sm: 240 }}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => setParams(view === 'timeline' ? { view } : {}, { replace: true })}
            mb={2}
          >
            {tc('actions.clearFilters')}
          </Button>
        )}
        <SegmentedControl
          aria-label={t('view.label')}
          value={view}
          onChange={(v) => set('view', v === 'timeline' ? 'timeline' : null)}
          data={[
            { value: 'table', label: t('view.table') },
            { value: 'timeline', label: t('view.timeline') },
          ]}
          ml={{ base: 0, sm: 'auto' }}
          mb={2}
        />
      </Group>
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
              <TransportTimeline project={project} items={list} onOpen={open} />
            </Stack>
          ) : (
            <TransportTable
              project={project}
              items={list}
              supplierName={supplierName}
              showSupplier={seesSuppliers}
              pendingId={update.isPending ? (update.variables?.transport.id ?? null) : null}
              onOpen={open}
              onMove={move}
              onDelete={confirmDelete}
            />
          )
        }
      </QueryState>
      <Modal
        opened={dialog?.mode === 'create' || dialog?.mode === 'edit'}
        onClose={() => setDialog(null)}
        title={dialog?.mode === 'create' ? t('form.createTitle') : t('form.editTitle')}
        size="lg"
      >
        {dialog?.mode === 'create' && (
          <TransportForm
            initial={valuesOf()}
            creating
            showCost={costs}
            currency={project.currency}
            defaultMonth={defaultMonth}
            submitLabel={tc('actions.create')}
            onCancel={() => setDialog(null)}
            onSubmit={async (values, withSupplier) => {
              const transport = await create.mutateAsync(toCreateBody(values, costs, withSupplier));
              setDialog(null);
              notifications.show({ message: t('form.created', { name: transport.description }), color: 'green' });
            }}
          />
        )}
        {dialog?.mode === 'edit' && current && (
          <TransportForm
            key={current.id}
            initial={valuesOf(current)}
            creating={false}
            showCost={costs}
            currency={project.currency}
            defaultMonth={defaultMonth}
            submitLabel={tc('actions.save')}
            onCancel={() => setDialog(null)}
            onSubmit={async (values, withSupplier) => {
              await update.mutateAsync({ transport: current, body: toUpdateBody(values, costs, withSupplier) });
              setDialog(null);
              notifications.show({ message: tc('states.saved'), color: 'green' });
            }}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.mode === 'view'}
        onClose={() => setDialog(null)}
        title={current ? t('details', { name: current.description }) : ''}
        size="lg"
      >
        {dialog?.mode === 'view' && current && (
          <TransportDetails transport={current} project={project} supplier={supplierName(current.supplier_id)} />
        )}
      </Modal>
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
      <Warnings warnings={transport.warnings} />
      {transport.bom_item_ids.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('carries', { count: transport.bom_item_ids.length })}
        </Text>
      )}
      <Stack gap="xs" component="dl" m={0}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      </Stack>
    </Stack>
  );
}
