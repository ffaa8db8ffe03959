import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/ui/QueryState';
import { today } from '@/lib/days';
import { errorMessage } from '@/lib/errors';
import { localizeFieldProblems, problemSentence } from '@/lib/fieldProblems';
import { formatDate, formatMoney } from '@/lib/format';
import { useProjectSummary, useWorkspaceProject } from '@/lib/queries/project';
import { useStatuses } from '@/lib/queries/statuses';
import type { Project } from '@/lib/queries/types';
import {
  type Permit,
  useCreatePermit,
  useDeletePermit,
  usePermits,
  useUpdatePermit,
} from '../api/permits';
import { riskSentence } from '../risk';
import {
  badgeText,
  permitMoves,
  PERMIT_STATUS_COLORS,
  PERMIT_STATUSES,
  PERMIT_TYPES,
  riskBadgeColor,
  riskColor,
  type PermitStatus,
} from '../status';
import { PermitForm, toCreateBody, toUpdateBody, valuesOf } from './PermitForm';
import '../i18n';

/** Which modal is open: a new permit, a permit being edited, or a permit shown read-only. */
type Dialog = { mode: 'create' } | { mode: 'edit' | 'view'; permit: Permit } | null;

/** The project's authority approvals: filters, risks, status moves, create, edit, delete. */
export function PermitsTab() {
  const { t } = useTranslation('permits');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const statusParam = params.get('status') ?? '';
  const typeParam = params.get('type') ?? '';
  const filters = useMemo(
    () => ({
      q: debouncedQ,
      status: statusParam.split(',').filter(Boolean),
      permit_type: typeParam.split(',').filter(Boolean),
    }),
    [debouncedQ, statusParam, typeParam],
  );
  const filtered = q !== '' || statusParam !== '' || typeParam !== '';
  const permits = usePermits(project.id, filters);
  const [dialog, setDialog] = useState<Dialog>(null);
  const create = useCreatePermit(project.id);
  const update = useUpdatePermit(project.id);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // The permit being edited as the list now has it (a refresh after a 412 brings its new version).
  const editing = dialog && dialog.mode !== 'create' ? (permits.data?.find((p) => p.id === dialog.permit.id) ?? dialog.permit) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} size="h4">
            {t('title')}
          </Title>
          <SummaryLine projectId={project.id} />
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
          w={{ base: '100%', sm: 280 }}
          type="search"
        />
        <MultiSelect
          label={t('statusFilter')}
          data={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={filters.status}
          onChange={(v) => set('status', v.join(','))}
          clearable
          w={{ base: '100%', sm: 240 }}
        />
        <MultiSelect
          label={t('typeFilter')}
          data={PERMIT_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))}
          value={filters.permit_type}
          onChange={(v) => set('type', v.join(','))}
          clearable
          w={{ base: '100%', sm: 260 }}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams({}, { replace: true })} mb={2}>
            {tc('actions.clearFilters')}
          </Button>
        )}
      </Group>
      <QueryState
        query={permits}
        isEmpty={(items) => items.length === 0}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : t('empty')}</Text>}
      >
        {(items) => (
          <PermitTable
            project={project}
            items={items}
            onOpen={(permit) => setDialog({ mode: write ? 'edit' : 'view', permit })}
          />
        )}
      </QueryState>
      <Modal
        opened={dialog?.mode === 'create' || dialog?.mode === 'edit'}
        onClose={() => setDialog(null)}
        title={dialog?.mode === 'create' ? t('form.createTitle') : t('form.editTitle')}
        size="lg"
      >
        {dialog?.mode === 'create' && (
          <PermitForm
            initial={valuesOf()}
            creating
            showCost={costs}
            currency={project.currency}
            submitLabel={tc('actions.create')}
            onCancel={() => setDialog(null)}
            onSubmit={async (values) => {
              const permit = await create.mutateAsync(toCreateBody(values, costs));
              setDialog(null);
              notifications.show({ message: t('form.created', { name: permit.name }), color: 'green' });
            }}
          />
        )}
        {dialog?.mode === 'edit' && editing && (
          <PermitForm
            key={editing.id}
            initial={valuesOf(editing)}
            creating={false}
            showCost={costs}
            currency={project.currency}
            submitLabel={tc('actions.save')}
            onCancel={() => setDialog(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({ permit: editing, body: toUpdateBody(values, costs) });
              setDialog(null);
              notifications.show({ message: tc('states.saved'), color: 'green' });
            }}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.mode === 'view'}
        onClose={() => setDialog(null)}
        title={editing ? t('details', { name: editing.name }) : ''}
        size="lg"
      >
        {dialog?.mode === 'view' && editing && <PermitDetails permit={editing} project={project} />}
      </Modal>
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
        <Badge
          key={status}
          variant="light"
          color={PERMIT_STATUS_COLORS[status]}
          c={badgeText(PERMIT_STATUS_COLORS[status])}
          radius="sm"
          tt="none"
        >
          {t(`statuses.${status}`)}: {counts.get(status)}
        </Badge>
      ))}
      <Badge variant={atRisk > 0 ? 'filled' : 'light'} color={atRisk > 0 ? 'red.9' : 'gray'} radius="sm" tt="none">
        {atRisk > 0 ? t('summary.atRisk', { count: atRisk }) : t('summary.noRisk')}
      </Badge>
    </Group>
  );
}

function PermitTable({ project, items, onOpen }: { project: Project; items: Permit[]; onOpen: (permit: Permit) => void }) {
  const { t } = useTranslation('permits');
  const { t: tc } = useTranslation();
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  const update = useUpdatePermit(project.id);
  const remove = useDeletePermit(project.id);
  const machine = useStatuses('permit');
  const day = today();

  const move = (permit: Permit, status: string) =>
    update.mutate(
      { permit, body: { status } },
      {
        onSuccess: (next) =>
          notifications.show({
            message: t('moved', { name: next.name, status: t(`statuses.${next.status}`) }),
            color: 'green',
          }),
        onError: (error) =>
          notifications.show({
            message: problemSentence(
              localizeFieldProblems(error, (p) => t(`serverErrors.${p.code}`, { defaultValue: '' }) || undefined),
              tc,
            ),
            color: 'red',
          }),
      },
    );

  const confirmDelete = (permit: Permit) =>
    modals.openConfirmModal({
      title: t('deleteOf', { name: permit.name }),
      children: <Text size="sm">{t('deleteConfirm', { name: permit.name })}</Text>,
      labels: { confirm: t('delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(permit, {
          onSuccess: () => notifications.show({ message: t('deleted', { name: permit.name }), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  return (
    <div className="table-scroll" style={{ position: 'relative' }}>
      <Table miw={costs ? 960 : 860} aria-label={t('title')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.name')}</Table.Th>
            <Table.Th>{t('columns.type')}</Table.Th>
            <Table.Th>{t('columns.status')}</Table.Th>
            <Table.Th>{t('columns.applied')}</Table.Th>
            <Table.Th>{t('columns.approved')}</Table.Th>
            <Table.Th>{t('columns.expires')}</Table.Th>
            {costs && <Table.Th ta="right">{t('columns.cost')}</Table.Th>}
            {write && (
              <Table.Th>
                <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((permit) => {
            const next = permitMoves(permit.status, machine.next(permit.status));
            const color = permit.risk_code ? riskColor(permit.risk_code) : null;
            return (
              <Table.Tr
                key={permit.id}
                data-testid="permit-row"
                data-risk={permit.risk_code ?? undefined}
              >
                {/* A risk marks the row with a bar in its colour (a tinted row would cost contrast). */}
                <Table.Td miw={220} maw={320} style={color ? { boxShadow: `inset 4px 0 0 var(--mantine-color-${color}-7)` } : undefined}>
                  <UnstyledButton
                    onClick={() => onOpen(permit)}
                    style={{ textAlign: 'left' }}
                  >
                    <Text size="sm" fw={600} c="blue.8" style={{ overflowWrap: 'anywhere' }}>
                      {permit.name}
                    </Text>
                  </UnstyledButton>
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
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {next.length > 0 && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button
                              size="xs"
                              variant="light"
                              rightSection={<IconChevronDown size={14} />}
                              aria-label={t('changeStatusOf', { name: permit.name })}
                              loading={update.isPending && update.variables?.permit.id === permit.id}
                            >
                              {t('changeStatus')}
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {next.map(({ to, label }) => (
                              <Menu.Item key={to} color={to === 'REJECTED' ? 'red' : undefined} onClick={() => move(permit, to)}>
                                {t(label, { defaultValue: t(`statuses.${to}`, { defaultValue: to }) })}
                              </Menu.Item>
                            ))}
                          </Menu.Dropdown>
                        </Menu>
                      )}
                      <ActionIcon variant="subtle" onClick={() => onOpen(permit)} aria-label={t('editOf', { name: permit.name })}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => confirmDelete(permit)}
                        aria-label={t('deleteOf', { name: permit.name })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function PermitStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('permits');
  return (
    <Badge
      variant="light"
      radius="sm"
      tt="none"
      color={PERMIT_STATUS_COLORS[status as PermitStatus] ?? 'gray'}
      c={badgeText(PERMIT_STATUS_COLORS[status as PermitStatus] ?? 'gray')}
      style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
    >
      {t(`statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
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
  return (
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
  );
}
