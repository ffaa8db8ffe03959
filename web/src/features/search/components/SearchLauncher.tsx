import { Badge, Button, Group, Kbd, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { components } from '@/lib/api/schema';
import { useSearch } from '../api/search';
import { targetOf } from '../target';
import '../i18n';

type Segment = components['schemas']['Segment'];

function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.matched ? (
          <mark key={index} style={{ background: 'var(--mantine-color-yellow-2)', padding: 0 }}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** The header's search button and the Ctrl/Cmd+K palette: everything, grouped by kind. */
export function SearchLauncher() {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const search = useSearch(debounced);
  const groups = (search.data?.groups ?? []).filter((g) => g.items.length > 0);
  const typed = query.trim().length >= 2;

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSearch size={16} />}
        onClick={() => spotlight.open()}
        visibleFrom="sm"
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="search-button"
      >
        {t('button')}
      </Button>
      <UnstyledButton hiddenFrom="sm" onClick={() => spotlight.open()} aria-label={t('button')} p={6}>
        <IconSearch size={22} />
      </UnstyledButton>
      <Spotlight.Root
        query={query}
        onQueryChange={setQuery}
        shortcut={['mod + K']}
        scrollable
        maxHeight="70vh"
        clearQueryOnClose={false}
      >
        <Spotlight.Search
          placeholder={t('placeholder')}
          leftSection={search.isFetching ? <Loader size={16} /> : <IconSearch size={18} />}
          aria-label={t('placeholder')}
        />
        <Spotlight.ActionsList aria-label={t('button')}>
          {!typed && <Spotlight.Empty>{t('hint')}</Spotlight.Empty>}
          {typed && search.isSuccess && groups.length === 0 && !search.isPlaceholderData && (
            <Spotlight.Empty>{t('nothing', { query: query.trim() })}</Spotlight.Empty>
          )}
          {typed &&
            groups.map((group) => (
              <Spotlight.ActionsGroup
                key={group.type}
                label={`${t(`types.${group.type}`, { defaultValue: group.type })} · ${
                  group.complete ? t('more', { count: group.count }) : t('morePlus', { count: group.count })
                }`}
              >
                {group.items.map((item) => (
                  <Spotlight.Action
                    key={`${item.type}-${item.id}`}
                    onClick={() => void navigate(targetOf(item))}
                    data-testid="search-result"
                  >
                    <Group wrap="nowrap" gap="sm" w="100%" justify="space-between">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          <Marked segments={item.title_segments} />
                        </Text>
                        {item.snippet.length > 0 && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            <Marked segments={item.snippet} />
                          </Text>
                        )}
                      </Stack>
                      {item.project_name && item.type !== 'project' && (
                        <Badge variant="light" color="gray" style={{ flexShrink: 0, maxWidth: 160 }}>
                          {item.project_name}
                        </Badge>
                      )}
                    </Group>
                  </Spotlight.Action>
                ))}
              </Spotlight.ActionsGroup>
            ))}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
