import { ActionIcon, Button, CheckIcon, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useBomLineIndex, useBomLineSearch } from '../api/bomLines';
import { lineOf, MAX_CARRIED, shortQuantity, toggleLine, type BomLine } from '../carried';
import classes from './BomLinePicker.module.css';
import '../i18n';

const MORE = '__more__';

interface Props {
  projectId: string;
  /** The chosen BOM item ids, in the order they were chosen. */
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  /** For focusing the search field when the server names this field in a 422. */
  inputRef?: Ref<HTMLInputElement>;
  max?: number;
}

/**
 * Chooses the BOM lines a transport carries: a search field over the project's BOM (by name,
 * description or notes; arrow keys and Enter, or the mouse, to add or take out a line) and the
 * chosen lines by name below it, each with a button to take it out.
 */
export function BomLinePicker({ projectId, value, onChange, error, inputRef, max = MAX_CARRIED }: Props) {
  const { t } = useTranslation('logistics');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  // Lines seen in search results, for naming a chosen line before the index has it.
  const [seen, setSeen] = useState<ReadonlyMap<string, BomLine>>(new Map());
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
  });
  const opened = combobox.dropdownOpened;
  const index = useBomLineIndex(projectId, true);
  const results = useBomLineSearch(projectId, q, opened);
  const options = useMemo(
    () => (results.data?.pages ?? []).flatMap((page) => page.items).map((item) => lineOf(item, index.data)),
    [results.data, index.data],
  );
  const total = results.data?.pages[0]?.total ?? 0;
  const chosen = useMemo(() => new Set(value), [value]);
  const full = value.length >= max;
  const lineFor = (id: string): BomLine | undefined => index.data?.get(id) ?? seen.get(id);

  const toggle = (id: string) => {
    if (id === MORE) {
      void results.fetchNextPage();
      return;
    }
    const next = toggleLine(value, id, max);
    if (next.refused) return;
    const line = options.find((option) => option.id === id);
    if (line && !seen.has(id)) setSeen(new Map(seen).set(id, line));
    onChange(next.ids);
  };

  const remove = (id: string) => onChange(value.filter((other) => other !== id));

  const describe = (line: BomLine) =>
    [line.path.join(' › '), `${shortQuantity(line.quantity)} ${line.unit}`].filter(Boolean).join(' · ');

  return (
    <Stack gap={6}>
      <Combobox store={combobox} onOptionSubmit={toggle} withinPortal>
        <Combobox.Target>
          <TextInput
            ref={inputRef}
            label={t('carried.label')}
            description={t('carried.hint', { max })}
            placeholder={t('carried.placeholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={results.isFetching ? <Loader size={14} aria-hidden /> : null}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            // Enter picks the line the arrow keys are on; it never submits the transport form.
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault();
            }}
            error={error}
            data-testid="bom-line-search"
          />
        </Combobox.Target>
        <Combobox.Dropdown>
          <Combobox.Options aria-label={t('carried.options')} mah={280} style={{ overflowY: 'auto' }}>
            {results.isError ? (
              <Combobox.Empty>{t('carried.searchFailed')}</Combobox.Empty>
            ) : results.isPending ? (
              <Combobox.Empty>{t('carried.searching')}</Combobox.Empty>
            ) : options.length === 0 ? (
              <Combobox.Empty>{t('carried.noMatches')}</Combobox.Empty>
            ) : (
              options.map((line) => {
                const selected = chosen.has(line.id);
                const disabled = full && !selected;
                return (
                  <Combobox.Option
                    key={line.id}
                    value={line.id}
                    active={selected}
                    disabled={disabled}
                    // aria-selected is the option the arrow keys are on (Combobox sets it).
                    aria-checked={selected}
                    aria-disabled={disabled || undefined}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <span className={classes.check} aria-hidden>
                        {selected && <CheckIcon size={12} />}
                      </span>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {line.name}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {describe(line)}
                        </Text>
                      </div>
                    </Group>
                  </Combobox.Option>
                );
              })
            )}
            {results.hasNextPage && !results.isError && (
              <Combobox.Option value={MORE} className={classes.more}>
                <Text size="sm" c="blue.8">
                  {results.isFetchingNextPage ? t('carried.searching') : t('carried.more', { shown: options.length, total })}
                </Text>
              </Combobox.Option>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" aria-live="polite" data-testid="carried-count">
          {value.length === 0 ? t('carried.none') : t('carried.chosen', { count: value.length })}
        </Text>
        {full && (
          <Text size="xs" c="orange.9" role="status">
            {t('carried.max', { max })}
          </Text>
        )}
        {value.length > 1 && (
          <Button variant="subtle" size="compact-xs" onClick={() => onChange([])}>
            {t('carried.clear')}
          </Button>
        )}
      </Group>
      {value.length > 0 && (
        <ul className={classes.chosen} aria-label={t('carried.list')} data-testid="carried-lines">
          {value.map((id) => {
            const line = lineFor(id);
            const name =
              line?.name ?? (index.data ? t('carried.unknownLine') : index.isError ? t('carried.noName') : t('carried.loadingName'));
            return (
              <li key={id} className={classes.line}>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {name}
                  </Text>
                  {line && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {describe(line)}
                    </Text>
                  )}
                </div>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => remove(id)} aria-label={t('carried.remove', { name })}>
                  <IconX size={14} />
                </ActionIcon>
              </li>
            );
          })}
        </ul>
      )}
    </Stack>
  );
}
