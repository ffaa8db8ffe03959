// Small pieces the table, the timeline and the details share.
import { Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import { useStatuses } from '@/lib/queries/statuses';
import type { Transport } from '../api/transports';
import {
  badgeText,
  moveLabel,
  nextTransportStatuses,
  TRANSPORT_STATUS_COLORS,
  TRANSPORT_TYPE_COLORS,
  type TransportStatus,
} from '../status';
import { parseWarning } from '../warnings';
import '../i18n';

export function TransportStatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('logistics');
  return (
    <Badge
      size={size}
      variant="light"
      radius="sm"
      tt="none"
      color={TRANSPORT_STATUS_COLORS[status as TransportStatus] ?? 'gray'}
      c={badgeText(TRANSPORT_STATUS_COLORS[status as TransportStatus] ?? 'gray')}
      style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
    >
      {t(`statuses.${status}`, { defaultValue: status })}
    </Badge>
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

/** The server's warnings, translated where the sentence is known. */
export function Warnings({ warnings, compact = false }: { warnings: string[]; compact?: boolean }) {
  const { t } = useTranslation('logistics');
  if (warnings.length === 0) return null;
  return (
    <Stack gap={2} mt={compact ? 2 : 4}>
      {warnings.map((raw) => {
        const w = parseWarning(raw);
        const sentence =
          w.kind === 'outsideWindow'
            ? t('warnings.outsideWindow', { day: formatDate(w.day), first: formatDate(w.first), last: formatDate(w.last) })
            : w.text;
        return (
          <Group key={raw} gap={4} wrap="nowrap" align="flex-start">
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
  const next = nextTransportStatuses(transport, machine.next(transport.status));
  if (next.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="light"
          rightSection={<IconChevronDown size={14} />}
          aria-label={t('changeStatusOf', { name: transport.description })}
          loading={pending}
        >
          {t('changeStatus')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {next.map((status) => {
          const label = moveLabel(transport.status, status);
          return (
            <Menu.Item key={status} color={status === 'CANCELLED' ? 'red' : undefined} onClick={() => onMove(status)}>
              {label.back
                ? t(label.key, { status: t(`statuses.${label.back}`, { defaultValue: label.back }) })
                : t(label.key, { defaultValue: t(`statuses.${status}`, { defaultValue: status }) })}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
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
