import { Badge } from '@mantine/core';
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
