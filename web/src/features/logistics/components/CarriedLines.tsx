import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBomLineIndex } from '../api/bomLines';
import { carriedSummary, shortQuantity } from '../carried';
import '../i18n';

interface Props {
  projectId: string;
  ids: string[];
  /** `row`: count and the first names in one line (tables); `list`: every line (details). */
  variant?: 'row' | 'list';
}

/** The BOM lines a transport carries: how many, and by name once the BOM's names are loaded. */
export function CarriedLines({ projectId, ids, variant = 'row' }: Props) {
  const { t, i18n } = useTranslation('logistics');
  const index = useBomLineIndex(projectId, ids.length > 0);
  if (ids.length === 0) return null;
  const count = t('carries', { count: ids.length });

  if (variant === 'row') {
    const { names, more } = carriedSummary(ids, index.data, 3, i18n.language);
    const tail = names.length > 0 ? `: ${names.join(', ')}${more > 0 ? ` ${t('carried.andMore', { count: more })}` : ''}` : '';
    return (
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="transport-carries">
        {count}
        {tail}
      </Text>
    );
  }

  const lines = ids
    .map((id) => index.data?.get(id))
    .filter((line) => line !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const unknown = index.data ? ids.length - lines.length : 0;
  return (
    <Stack gap={4} data-testid="transport-carries">
      <Text size="sm" fw={500}>
        {count}
      </Text>
      {lines.length > 0 && (
        <List size="sm" spacing={2} aria-label={t('carried.list')}>
          {lines.map((line) => (
            <List.Item key={line.id} style={{ overflowWrap: 'anywhere' }}>
              {line.name}
              <Text span size="xs" c="dimmed">
                {' · '}
                {[line.path.join(' › '), `${shortQuantity(line.quantity)} ${line.unit}`].filter(Boolean).join(' · ')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {unknown > 0 && (
        <Text size="xs" c="dimmed">
          {t('carried.unknownCount', { count: unknown })}
        </Text>
      )}
    </Stack>
  );
}
