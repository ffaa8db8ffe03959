import { Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmDanger, outcome } from '@/components/ui/confirm';
import { ItemDialogs } from '@/components/ui/ItemDialogs';
import { ClearFilters, CreateButton, FilterBar, MultiFilter, SearchField } from '@/components/ui/ListParts';
import { SectionHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { StateBadge } from '@/components/ui/StatusBadge';
import { DetailList, MoveMenu, OpenButton, RowActions, ScrollTable } from '@/components/ui/TableParts';
import { today } from '@/lib/days';
import { formatDate, formatMoney } from '@/lib/format';
import { useItemDialog } from '@/lib/itemDialog';
import { useProjectSummary, useWorkspaceProject } from '@/lib/queries/project';
import { useStatuses } from '@/lib/queries/statuses';
import type { Project } from '@/lib/queries/types';
import { listParam, useUrlParams } from '@/lib/urlParams';
import { type Permit, useCreatePermit, useDeletePermit, usePermits, useUpdatePermit } from '../api/permits';
import { riskSentence } from '../risk';
import { permitMoves, PERMIT_STATUS_COLORS, stampedDates, PERMIT_STATUSES, PERMIT_TYPES, riskBadgeColor, riskColor, type PermitStatus } from '../status';
import { PermitForm, toCreateBody, toUpdateBody, valuesOf } from './PermitForm';
import '../i18n';

/** The project's authority approvals: filters, risks, status moves, create, edit, delete. */
export function PermitsTab() {
  const { t } = useTranslation('permits');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const url = useUrlParams();
  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = url.get('status');
  const typeParam = url.get('type');
  const filters = useMemo(
    () => ({ q: debouncedQ, status: listParam(statusParam), permit_type: listParam(typeParam) }),
    [debouncedQ, statusParam, typeParam],
  );
  const filtered = q !== '' || statusParam !== '' || typeParam !== '';
  const permits = usePermits(project.id, filters);
  const dialog = useItemDialog(permits.data, write);
  const create = useCreatePermit(project.id);
  const update = useUpdatePermit(project.id);

  return (
    <Stack gap="md">
      <SectionHeader
        title={t('title')}
        below={<SummaryLine projectId={project.id} />}
        actions={write && <CreateButton onClick={dialog.create}>{t('new')}</CreateButton>}
      />
      <FilterBar>
        <SearchField label={t('search')} value={q} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 280 }} />
        <MultiFilter url={url} param="status" label={t('statusFilter')} data={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} w={{ base: '100%', sm: 240 }} />
        <MultiFilter url={url} param="type" label={t('typeFilter')} data={PERMIT_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))} w={{ base: '100%', sm: 260 }} />
        <ClearFilters shown={filtered} onClear={() => url.clear()} />
      </FilterBar>
      <QueryState
        query={permits}
        isEmpty={(items) => items.length === 0}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : t('empty')}</Text>}
      >
        {(items) => <PermitTable project={project} items={items} onOpen={dialog.open} />}
      </QueryState>
      <ItemDialogs
        dialog={dialog.dialog}
        current={dialog.current}
        onClose={dialog.close}
        titles={{ create: t('form.createTitle'), edit: t('form.editTitle'), view: (permit) => t('details', { name: permit.name }) }}
        form={(permit, props, done) => (
          <PermitForm
            {...props}
            initial={valuesOf(permit)}
            showCost={costs}
            currency={project.currency}
            onSubmit={async (values) => {
              if (permit) {
                await update.mutateAsync({ permit, body: toUpdateBody(values, costs) });
                done(tc('states.saved'));
              } else {
                const created = await create.mutateAsync(toCreateBody(values, costs));
                done(t('form.created', { name: created.name }));
              }
            }}
          />
        )}
        details={(permit) => <PermitDetails permit={permit} project={project} />}
      />
    </Stack>
  );
}

/** “11 permits · Pending 2 · Submitted 3 … · 4 at risk”, from the project summary. */
function SummaryLine({ projectId }: { projectId: string }) {
  const { t } = useTranslation('permits');
  const summary = useProjectSummary(projectId);
  const permits = summary.data?.permits;
  if (!permits) return null;
  const counts = new Map(permits.by_status.map((g) => [g.key ?? '', g.count]));
  const atRisk = permits.at_risk.length;
  return (
    <Group gap={6} wrap="wrap" aria-label={t('summary.label')} role="group" data-testid="permit-summary">
      <Text size="sm" fw={500}>
        {t('summary.total', { count: permits.count })}
      </Text>
      {PERMIT_STATUSES.filter((s) => (counts.get(s) ?? 0) > 0).map((status) => (
        <StateBadge key={status} color={PERMIT_STATUS_COLORS[status]}>
          {t(`statuses.${status}`)}: {counts.get(status)}
        </StateBadge>
      ))}
      <Badge variant={atRisk > 0 ? 'filled' : 'light'} color={atRisk > 0 ? 'red.9' : 'gray'} radius="sm" tt="none">
        {atRisk > 0 ? t('summary.atRisk', { count: atRisk }) : t('summary.noRisk')}
      </Badge>
    </Group>
  );
}

function PermitTable({ project, items, onOpen }: { project: Project; items: Permit[]; onOpen: (permit: Permit) => void }) {
  const { t } = useTranslation('permits');
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const update = useUpdatePermit(project.id);
  const remove = useDeletePermit(project.id);
  const machine = useStatuses('permit');
  const day = today();

  const move = (permit: Permit, status: string) =>
    update.mutate(
      { permit, body: { status, ...stampedDates(permit, status, today()) } },
      outcome((next) => t('moved', { name: next.name, status: t(`statuses.${next.status}`) })),
    );

  const confirmDelete = (permit: Permit) =>
    confirmDanger({
      title: t('deleteOf', { name: permit.name }),
      message: t('deleteConfirm', { name: permit.name }),
      confirmLabel: t('delete'),
      onConfirm: () => remove.mutate(permit, outcome(t('deleted', { name: permit.name }))),
    });

  return (
    <ScrollTable
      label={t('title')}
      minWidth={costs ? 960 : 860}
      verticalSpacing="xs"
      columns={[
        t('columns.name'),
        t('columns.type'),
        t('columns.status'),
        t('columns.applied'),
        t('columns.approved'),
        t('columns.expires'),
        costs && { label: t('columns.cost'), align: 'right' },
        write && { label: t('columns.actions'), hidden: true },
      ]}
    >
      {items.map((permit) => {
        const color = permit.risk_code ? riskColor(permit.risk_code) : null;
        return (
          <Table.Tr key={permit.id} data-testid="permit-row" data-risk={permit.risk_code ?? undefined}>
            {/* A risk marks the row with a bar in its colour (a tinted row would cost contrast). */}
            <Table.Td miw={220} maw={320} style={color ? { boxShadow: `inset 4px 0 0 var(--mantine-color-${color}-7)` } : undefined}>
              <OpenButton onClick={() => onOpen(permit)}>{permit.name}</OpenButton>
              {(permit.authority || permit.reference_number) && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[permit.authority, permit.reference_number].filter(Boolean).join(' · ')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`types.${permit.permit_type}`, { defaultValue: permit.permit_type })}</Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={4} align="flex-start">
                <PermitStatusBadge status={permit.status} />
                <RiskBadge permit={permit} project={project} today={day} />
              </Stack>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(permit.application_date)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(permit.approval_date)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }} fw={permit.risk_code === 'EXPIRES_EARLY' ? 700 : undefined}>
              {formatDate(permit.expiry_date)}
            </Table.Td>
            {costs && (
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(permit.cost, project.currency)}
              </Table.Td>
            )}
            {write && (
              <Table.Td>
                <RowActions
                  editLabel={t('editOf', { name: permit.name })}
                  deleteLabel={t('deleteOf', { name: permit.name })}
                  onEdit={() => onOpen(permit)}
                  onDelete={() => confirmDelete(permit)}
                >
                  <MoveMenu
                    label={t('changeStatus')}
                    ariaLabel={t('changeStatusOf', { name: permit.name })}
                    pending={update.isPending && update.variables?.permit.id === permit.id}
                    moves={permitMoves(permit.status, machine.next(permit.status)).map(({ to, label }) => ({
                      to,
                      label: t(label, { defaultValue: t(`statuses.${to}`, { defaultValue: to }) }),
                      danger: to === 'REJECTED',
                    }))}
                    onMove={(to) => move(permit, to)}
                  />
                </RowActions>
              </Table.Td>
            )}
          </Table.Tr>
        );
      })}
    </ScrollTable>
  );
}

function PermitStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('permits');
  return <StateBadge color={PERMIT_STATUS_COLORS[status as PermitStatus] ?? 'gray'}>{t(`statuses.${status}`, { defaultValue: status })}</StateBadge>;
}

/** The risk as a translated badge; the reason is its tooltip (and read out with it). */
function RiskBadge({ permit, project, today: day }: { permit: Permit; project: Project; today: string }) {
  const { t } = useTranslation('permits');
  if (!permit.risk_code) return null;
  const sentence = riskSentence(permit, project, day);
  const reason = sentence
    ? t(`riskText.${sentence.key}`, {
        ...sentence.values,
        ...(sentence.key === 'EXPIRES_EARLY'
          ? { expiry: formatDate(permit.expiry_date), end: formatDate(project.end_date) }
          : {}),
      })
    : (permit.risk ?? '');
  return (
    <Tooltip label={reason} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge
        variant="filled"
        color={riskBadgeColor(permit.risk_code)}
        radius="sm"
        tt="none"
        tabIndex={0}
        data-testid="risk-badge"
        style={{ whiteSpace: 'nowrap', minWidth: 'max-content', cursor: 'help' }}
      >
        {t(`risk.${permit.risk_code}`, { defaultValue: permit.risk ?? permit.risk_code })}
        <VisuallyHidden>: {reason}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

/** Everything about one permit, for those who may only read. */
function PermitDetails({ permit, project }: { permit: Permit; project: Project }) {
  const { t } = useTranslation('permits');
  const costs = project.my_access?.sees_costs ?? false;
  const rows: [string, ReactNode][] = [
    [t('form.type'), t(`types.${permit.permit_type}`, { defaultValue: permit.permit_type })],
    [t('form.status'), <PermitStatusBadge key="s" status={permit.status} />],
    [t('columns.risk'), permit.risk_code ? <RiskBadge key="r" permit={permit} project={project} today={today()} /> : '–'],
    [t('form.authority'), permit.authority ?? '–'],
    [t('form.reference'), permit.reference_number ?? '–'],
    [t('form.applicationDate'), formatDate(permit.application_date)],
    [t('form.approvalDate'), formatDate(permit.approval_date)],
    [t('form.expiryDate'), formatDate(permit.expiry_date)],
    ...(costs ? ([[t('form.cost'), formatMoney(permit.cost, project.currency)]] as [string, ReactNode][]) : []),
    [t('form.notes'), permit.notes ?? '–'],
  ];
  return <DetailList rows={rows} />;
}
