import { Badge, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '@/lib/api/schema';
import { formatDateTime } from '@/lib/format';
import { usePermissionTexts } from '@/lib/permissions';
import '../i18n';

type Me = components['schemas']['MeOut'];

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation('account');
  const texts = usePermissionTexts();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('profile.title')}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm" m={0}>
        <Item label={t('profile.name')}>{`${me.first_name} ${me.last_name}`.trim() || '–'}</Item>
        <Item label={t('profile.email')}>{me.email}</Item>
        <Item label={t('profile.username')}>{me.username}</Item>
        <Item label={t('profile.role')}>{texts.role(me.role)}</Item>
        <Item label={t('profile.mfa')}>
          <Badge color={me.mfa_enabled ? 'green' : 'gray'} variant="dot" radius="sm" component="span">
            {me.mfa_enabled ? t('mfa.on') : t('mfa.off')}
          </Badge>
        </Item>
        <Item label={t('profile.lastLogin')}>{formatDateTime(me.last_login_at)}</Item>
      </SimpleGrid>
      <Group mt="sm">
        <Text size="xs" c="dimmed">
          {t('profile.changeHint')}
        </Text>
      </Group>
    </Paper>
  );
}
