import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const PROJECT_COLORS: Record<string, string> = {
  PLANNING: 'gray',
  CONFIRMED: 'blue',
  IN_PRODUCTION: 'indigo',
  LIVE: 'green',
  WRAP_UP: 'teal',
  COMPLETED: 'dark',
  CANCELLED: 'red',
};

export function ProjectStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={PROJECT_COLORS[status] ?? 'gray'} variant="light" radius="sm">
      {t(`projectStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/**
 * A record's state as a light badge in the state's colour. Green text is darkened: the theme's
 * green-9 on its light tint is 4.0:1, WCAG AA asks 4.5:1 for a badge's small text.
 */
export function StateBadge({ color, size = 'sm', children }: { color: string; size?: 'xs' | 'sm'; children: ReactNode }) {
  return (
    <Badge
      size={size}
      variant="light"
      radius="sm"
      tt="none"
      color={color}
      c={color === 'green' ? '#1f6b30' : undefined}
      style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
    >
      {children}
    </Badge>
  );
}
