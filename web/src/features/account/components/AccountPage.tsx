import { Alert, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { components } from '@/lib/api/schema';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { useSession } from '@/lib/auth/useSession';
import { useMe } from '@/lib/queries/me';
import { MfaCard } from './MfaCard';
import { PasswordCard } from './PasswordCard';
import { ProfileCard } from './ProfileCard';
import { SessionsCard } from './SessionsCard';
import { TokensCard } from './TokensCard';
import '../i18n';

type Me = components['schemas']['MeOut'];

/**
 * The signed-in user's account. A user whose role requires MFA that is not set up yet lands
 * here (`?setup=mfa`): the setup comes first with the reason, and the parts the server does
 * not answer until then are left out.
 */
export function AccountPage() {
  const { t } = useTranslation('account');
  const me = useMe();
  const [params] = useSearchParams();
  const setupAsked = params.get('setup') === 'mfa';

  return (
    <>
      <PageHeader title={t('title')} />
      <QueryState query={me}>{(data) => <AccountContent me={data} setupAsked={setupAsked} />}</QueryState>
    </>
  );
}

function AccountContent({ me, setupAsked }: { me: Me; setupAsked: boolean }) {
  const { t } = useTranslation('account');
  const session = useSession();
  const required = me.mfa_setup_required || (session?.mfaSetupRequired ?? false);
  // Where the MFA card sits is decided once: moving it would remount it and lose the
  // recovery codes it shows right after turning MFA on.
  const [mfaFirst] = useState(required || (setupAsked && !me.mfa_enabled));
  const mfa = <MfaCard enabled={me.mfa_enabled} required={required} />;
  return (
    <Stack gap="md" maw={1100}>
      {required && (
        <Alert color="orange" icon={<IconShieldLock size={20} aria-hidden />} title={t('mfa.requiredTitle')} role="status">
          <Text size="sm">{t('mfa.requiredText')}</Text>
        </Alert>
      )}
      {mfaFirst && mfa}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ProfileCard me={me} />
        <PasswordCard />
      </SimpleGrid>
      {!mfaFirst && mfa}
      {required ? (
        <Text size="sm" c="dimmed">
          {t('sessions.restricted')}
        </Text>
      ) : (
        <>
          <SessionsCard />
          <TokensCard permissions={me.permissions} />
        </>
      )}
    </Stack>
  );
}
