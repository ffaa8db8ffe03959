import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { confirmDanger, outcome } from '@/components/ui/confirm';
import { SectionCard } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ScrollTable } from '@/components/ui/TableParts';
import { formatDateTime } from '@/lib/format';
import { useRevokeOtherSessions, useRevokeSession, useSessions, type Session } from '../api/account';
import { agentLabel } from './userAgent';
import '../i18n';

/** The caller's signed-in devices; any but this one can be signed out. */
export function SessionsCard() {
  const { t } = useTranslation('account');
  const sessions = useSessions(true);
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const device = (s: Session) =>
    agentLabel(s.user_agent, { unknown: t('sessions.unknown'), both: (browser, os) => t('sessions.agent', { browser, os }) });

  const confirmRevoke = (session: Session) =>
    confirmDanger({
      title: t('sessions.revoke'),
      message: t('sessions.revokeConfirm', { device: device(session) }),
      onConfirm: () => revoke.mutate(session.id, outcome(t('sessions.revoked'))),
    });

  const confirmRevokeOthers = (all: Session[]) =>
    confirmDanger({
      title: t('sessions.revokeOthers'),
      message: t('sessions.revokeOthersConfirm', { count: all.filter((s) => !s.current).length }),
      onConfirm: () => revokeOthers.mutate(undefined, outcome(t('sessions.othersRevoked'))),
    });

  return (
    <SectionCard
      title={t('sessions.title')}
      intro={t('sessions.intro')}
      actions={
        (sessions.data?.items.filter((s) => !s.current).length ?? 0) > 0 && (
          <Button
            variant="light"
            color="red"
            loading={revokeOthers.isPending}
            onClick={() => sessions.data && confirmRevokeOthers(sessions.data.items)}
          >
            {t('sessions.revokeOthers')}
          </Button>
        )
      }
    >
      <QueryState query={sessions} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <ScrollTable
            label={t('sessions.title')}
            minWidth={640}
            columns={[t('sessions.device'), t('sessions.ip'), t('sessions.signedIn'), t('sessions.lastActive'), '']}
          >
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
          </ScrollTable>
        )}
      </QueryState>
    </SectionCard>
  );
}
