import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}

/** The heading of a tab or a card: title, a line below it, and its actions on the right. */
export function SectionHeader({ title, below, actions }: { title: ReactNode; below?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <Stack gap={4} style={{ flex: '1 1 220px', minWidth: 0 }}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {below}
      </Stack>
      {actions}
    </Group>
  );
}

/** A bordered card with a `SectionHeader` (its intro in grey below the title) and its content. */
export function SectionCard({ title, intro, actions, children }: { title: ReactNode; intro?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <SectionHeader
          title={title}
          below={
            intro && (
              <Text size="sm" c="dimmed">
                {intro}
              </Text>
            )
          }
          actions={actions}
        />
        {children}
      </Stack>
    </Paper>
  );
}
