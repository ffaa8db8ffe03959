// Whether a screen follows others' changes live (`useProjectEvents`): live, connecting, or
// offline while it retries (with the reason as a tooltip).
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { defineTexts } from '@/lib/i18n/define';
import type { LiveStatus } from '@/lib/live/useProjectEvents';

defineTexts(
  'live',
  { live: 'Live', connecting: 'Verbinde …', offline: 'Keine Live-Verbindung – neuer Versuch läuft' },
  { live: 'Live', connecting: 'Connecting …', offline: 'No live connection – retrying' },
);

const COLORS: Record<LiveStatus, string> = { live: 'green', connecting: 'gray', offline: 'orange' };

export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('live');
  const badge = (
    <Badge color={COLORS[status]} variant="dot" size="sm" role="status" data-testid="live-status" data-status={status}>
      {t(status)}
    </Badge>
  );
  return status === 'offline' ? <Tooltip label={t('offline')}>{badge}</Tooltip> : badge;
}
