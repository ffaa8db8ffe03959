// Small pieces the table, the timeline and the details share.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StateBadge } from '@/components/ui/StatusBadge';
import { MoveMenu } from '@/components/ui/TableParts';
import { formatDate } from '@/lib/format';
import { useStatuses } from '@/lib/queries/statuses';
import type { Transport } from '../api/transports';
import {
  moveLabel,
  nextTransportStatuses,
  TRANSPORT_STATUS_COLORS,
  TRANSPORT_TYPE_COLORS,
  type TransportStatus,
} from '../status';
import { warningsOf } from '../warnings';
import '../i18n';

export function TransportStatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('logistics');
  return (
    <StateBadge size={size} color={TRANSPORT_STATUS_COLORS[status as TransportStatus] ?? 'gray'}>
      {t(`statuses.${status}`, { defaultValue: status })}
    </StateBadge>
  );
}

export function TransportTypeBadge({ type, size = 'sm' }: { type: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('logistics');
  return (
    <Badge size={size} variant="light" radius="xl" tt="none" color={TRANSPORT_TYPE_COLORS[type] ?? 'gray'} style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}>
      {t(`types.${type}`, { defaultValue: type })}
    </Badge>
  );
}

/** A transport's warnings in the user's language (see `warningsOf`). */
export function Warnings({ transport, compact = false }: { transport: Transport; compact?: boolean }) {
  const { t } = useTranslation('logistics');
  const warnings = warningsOf(transport);
  if (warnings.length === 0) return null;
  return (
    <Stack gap={2} mt={compact ? 2 : 4}>
      {warnings.map((w, index) => {
        const sentence =
          w.kind === 'outsideWindow'
            ? t('warnings.outsideWindow', { day: formatDate(w.day), first: formatDate(w.first), last: formatDate(w.last) })
            : w.text;
        return (
          <Group key={index} gap={4} wrap="nowrap" align="flex-start">
            <IconAlertTriangle size={14} color="var(--mantine-color-orange-light-color)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="xs" c="var(--mantine-color-orange-light-color)" style={{ overflowWrap: 'anywhere' }}>
              {compact ? t('warning') : `${t('warning')}: ${sentence}`}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

/** The allowed next statuses of one transport as a menu; nothing when there is none. */
export function StatusMenu({
  transport,
  pending,
  onMove,
}: {
  transport: Transport;
  pending: boolean;
  onMove: (status: string) => void;
}) {
  const { t } = useTranslation('logistics');
  const machine = useStatuses('transport');
  return (
    <MoveMenu
      label={t('changeStatus')}
      ariaLabel={t('changeStatusOf', { name: transport.description })}
      pending={pending}
      moves={nextTransportStatuses(transport, machine.next(transport.status)).map((status) => {
        const label = moveLabel(transport.status, status);
        return {
          to: status,
          label: label.back
            ? t(label.key, { status: t(`statuses.${label.back}`, { defaultValue: label.back }) })
            : t(label.key, { defaultValue: t(`statuses.${status}`, { defaultValue: status }) }),
          danger: status === 'CANCELLED',
        };
      })}
      onMove={onMove}
    />
  );
}

/** `Start → Ziel`, or the one that is known. */
export function route(transport: Transport): string {
  const { from_location: from, to_location: to } = transport;
  if (from && to) return `${from} → ${to}`;
  if (from) return `${from} →`;
  if (to) return `→ ${to}`;
  return '';
}
