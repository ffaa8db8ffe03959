import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '@/lib/i18n';

/** The frame of the signed-out screens: a card in the middle, the language switch below. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main">
      <Stack w="100%" maw={400} gap="sm">
        <Group gap={8} justify="center">
          <img src="/favicon.svg" width={32} height={32} alt="" />
          <Text fw={700} size="lg">
            {t('app.name')}
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={1} size="h3" mb={4}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mb="md">
              {subtitle}
            </Text>
          )}
          {children}
        </Paper>
        <Group justify="center" gap="md" aria-label={t('nav.language')} role="group">
          {LANGUAGES.map((language) => (
            <Text
              key={language}
              component="button"
              type="button"
              size="sm"
              c={i18n.language === language ? 'dark' : 'blue.8'}
              fw={i18n.language === language ? 700 : 400}
              style={{ background: 'none', border: 0, cursor: 'pointer' }}
              onClick={() => setLanguage(language)}
              aria-pressed={i18n.language === language}
            >
              {t(`languages.${language}`)}
            </Text>
          ))}
        </Group>
      </Stack>
    </Center>
  );
}
