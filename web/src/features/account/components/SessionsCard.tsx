import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/QueryState';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useRevokeOtherSessions, useRevokeSession, useSessions, type Session } from '../api/account';
import { agentLabel } from './userAgent';
import '../i18n';

/** The caller's signed-in devices; any but this one can be signed out. */
export function SessionsCard() {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation();
  const sessions = useSessions(true);
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const device = (s: Session) =>
    agentLabel(s.user_agent, { unknown: t('sessions.unknown'), both: (browser, os) => t('sessions.agent', { browser, os }) });

  const confirmRevoke = (session: Session) =>
    modals.openConfirmModal({
      title: t('sessions.revoke'),
      children: <Text size="sm">{t('sessions.revokeConfirm', { device: device(session) })}</Text>,
      labels: { confirm: t('sessions.revoke'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(session.id, {
          onSuccess: () => notifications.show({ message: t('sessions.revoked'), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  const confirmRevokeOthers = (all: Session[]) =>
    modals.openConfirmModal({
      title: t('sessions.revokeOthers'),
      children: <Text size="sm">{t('sessions.revokeOthersConfirm', { count: all.filter((s) => !s.current).length })}</Text>,
      labels: { confirm: t('sessions.revokeOthers'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revokeOthers.mutate(all, {
          onSuccess: () => notifications.show({ message: t('sessions.othersRevoked'), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={2} size="h4">
              {t('sessions.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('sessions.intro')}
            </Text>
          </div>
          {(sessions.data?.items.filter((s) => !s.current).length ?? 0) > 0 && (
            <Button
              variant="light"
              color="red"
              loading={revokeOthers.isPending}
              onClick={() => sessions.data && confirmRevokeOthers(sessions.data.items)}
            >
              {t('sessions.revokeOthers')}
            </Button>
          )}
        </Group>
        <QueryState query={sessions} isEmpty={(d) => d.items.length === 0}>
          {(data) => (
            <div className="table-scroll">
              <Table miw={640} aria-label={t('sessions.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sessions.device')}</Table.Th>
                    <Table.Th>{t('sessions.ip')}</Table.Th>
                    <Table.Th>{t('sessions.signedIn')}</Table.Th>
                    <Table.Th>{t('sessions.lastActive')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.items]
                    .sort((a, b) => Number(b.current) - Number(a.current) || b.last_used_at.localeCompare(a.last_used_at))
                    .map((session) => (
                      <Table.Tr key={session.id} data-testid="session-row">
                        <Table.Td>
                          <Text size="sm" fw={500} title={session.user_agent ?? undefined}>
                            {device(session)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{session.ip ?? '–'}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.created_at)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.last_used_at)}</Table.Td>
                        <Table.Td ta="right">
                          {session.current ? (
                            <Badge color="green" variant="dot" radius="sm">
                              {t('sessions.current')}
                            </Badge>
                          ) : (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => confirmRevoke(session)}
                              aria-label={t('sessions.revokeLabel', { device: `${device(session)}, ${formatDateTime(session.created_at)}` })}
                            >
                              {t('sessions.revoke')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
