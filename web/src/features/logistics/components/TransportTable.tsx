import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SubLine } from '@/components/ui/ListParts';
import { OpenButton, RowActions } from '@/components/ui/TableParts';
import { localDay } from '@/lib/days';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import type { Project } from '@/lib/queries/types';
import type { Transport } from '../api/transports';
import { formatTimeOfDay } from '../timeline';
import { CarriedLines } from './CarriedLines';
import { route, StatusMenu, TransportStatusBadge, TransportTypeBadge, Warnings } from './parts';
import '../i18n';

interface Props {
  project: Project;
  items: Transport[];
  supplierName: (id: string | null | undefined) => string | null;
  /** Whether the supplier column is shown (the caller may read suppliers). */
  showSupplier: boolean;
  pendingId: string | null;
  onOpen: (transport: Transport) => void;
  onMove: (transport: Transport, status: string) => void;
  onDelete: (transport: Transport) => void;
}

/** Transports in date order, each with its warnings and (for writers) its actions. */
export function TransportTable({ project, items, supplierName, showSupplier, pendingId, onOpen, onMove, onDelete }: Props) {
  const { t, i18n } = useTranslation('logistics');
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  const write = project.my_access?.write ?? false;
  const costs = project.my_access?.sees_costs ?? false;
  return (
    <div className="table-scroll" style={{ position: 'relative' }}>
      <Table miw={1100} aria-label={t('title')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.when')}</Table.Th>
            <Table.Th>{t('columns.type')}</Table.Th>
            <Table.Th>{t('columns.transport')}</Table.Th>
            <Table.Th>{t('columns.vehicle')}</Table.Th>
            {showSupplier && <Table.Th>{t('columns.supplier')}</Table.Th>}
            <Table.Th>{t('columns.status')}</Table.Th>
            {costs && <Table.Th ta="right">{t('columns.cost')}</Table.Th>}
            {write && (
              <Table.Th>
                <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((transport) => (
            <Table.Tr
              key={transport.id}
              data-testid="transport-row"
              data-warned={transport.warnings.length > 0 || undefined}
            >
              <Table.Td
                style={{
                  whiteSpace: 'nowrap',
                  boxShadow: transport.warnings.length > 0 ? 'inset 4px 0 0 var(--mantine-color-orange-6)' : undefined,
                }}
              >
                {transport.scheduled_at ? (
                  <>
                    <Text size="sm" fw={500}>
                      {formatDate(localDay(transport.scheduled_at))}
                    </Text>
                    <Text size="sm">{formatTimeOfDay(transport.scheduled_at, locale)}</Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('noDate')}
                  </Text>
                )}
                {transport.actual_at && (
                  <Text size="xs" c="dimmed">
                    {t('arrived', { at: formatDateTime(transport.actual_at) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TransportTypeBadge type={transport.logistics_type} />
              </Table.Td>
              <Table.Td miw={240} maw={380}>
                <OpenButton onClick={() => onOpen(transport)}>{transport.description}</OpenButton>
                <SubLine>{route(transport)}</SubLine>
                <CarriedLines projectId={project.id} ids={transport.bom_item_ids} />
                <Warnings transport={transport} />
              </Table.Td>
              <Table.Td miw={140} maw={220}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {transport.vehicle ?? '–'}
                </Text>
                <SubLine>{transport.contact}</SubLine>
              </Table.Td>
              {showSupplier && (
                <Table.Td miw={150} maw={200}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {supplierName(transport.supplier_id) ?? '–'}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <TransportStatusBadge status={transport.status} />
              </Table.Td>
              {costs && (
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(transport.cost, project.currency)}
                </Table.Td>
              )}
              {write && (
                <Table.Td>
                  <RowActions
                    editLabel={t('editOf', { name: transport.description })}
                    deleteLabel={t('deleteOf', { name: transport.description })}
                    onEdit={() => onOpen(transport)}
                    onDelete={() => onDelete(transport)}
                  >
                    <StatusMenu transport={transport} pending={pendingId === transport.id} onMove={(status) => onMove(transport, status)} />
                  </RowActions>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
