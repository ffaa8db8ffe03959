// The pieces of a list screen whose filters live in the URL (`useUrlParams`): the filter row
// with its search field, choices, switches and "clear filters", the "new" button, a paged list
// with its loading, error and empty states and "load more", and the cells of its rows: a name
// that opens the record with a grey line below, a name in the trash, and restoring it.
import { Anchor, Button, Group, MultiSelect, Stack, Switch, Table, Text, TextInput, type ButtonProps, type GroupProps, type StyleProp } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult, UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { noItems, pagedItems, type Page } from '@/lib/api/lists';
import { listParam, type UrlParams } from '@/lib/urlParams';
import { ErrorAlert } from './ErrorAlert';
import { QueryState } from './QueryState';
import { notifyDone } from './confirm';

export function FilterBar({ children, ...rest }: GroupProps) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" {...rest}>
      {children}
    </Group>
  );
}

interface SearchProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  w?: StyleProp<number | string>;
}

export function SearchField({ label, value, onChange, w }: SearchProps) {
  return (
    <TextInput
      label={label}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={w}
      type="search"
    />
  );
}

interface MultiFilterProps {
  url: UrlParams;
  /** The URL parameter, a comma-separated list (`status=TODO,DONE`). */
  param: string;
  label: string;
  data: { value: string; label: string }[];
  w?: StyleProp<number | string>;
}

/** A filter with several choices, kept in the URL. */
export function MultiFilter({ url, param, label, data, w }: MultiFilterProps) {
  return (
    <MultiSelect
      label={label}
      data={data}
      value={listParam(url.get(param))}
      onChange={(values) => url.set(param, values.join(','))}
      clearable
      w={w}
    />
  );
}

/** Shown while any filter is set. */
export function ClearFilters({ shown, onClear }: { shown: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <Button variant="subtle" onClick={onClear} mb={2}>
      {t('actions.clearFilters')}
    </Button>
  );
}

/** A yes/no filter (the trash, only overdue ones). */
export function FilterSwitch({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return <Switch label={label} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} mb={8} />;
}

export function CreateButton({ children, onClick, ...rest }: ButtonProps & { onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick} {...rest}>
      {children}
    </Button>
  );
}

interface PagedProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** Shown when the list is empty (no matches, an empty trash, nothing yet). */
  empty: ReactNode;
  /** Above "load more": how many of how many are shown. */
  note?: (shown: number, total: number) => ReactNode;
  /** A failed action on the list's rows (a restore), shown below it. */
  actionError?: Error | null;
  children: (items: T[]) => ReactNode;
}

/** A list that loads in pages: its states, the items loaded so far, and "load more". */
export function PagedList<T>({ query, empty, note, actionError, children }: PagedProps<T>) {
  const { t } = useTranslation();
  const { items, total } = pagedItems(query.data);
  return (
    <QueryState query={query} isEmpty={noItems} empty={empty}>
      {() => (
        <Stack gap="sm">
          {children(items)}
          {actionError && <ErrorAlert error={actionError} />}
          {query.hasNextPage && (
            <Stack gap={4} align="center">
              {note && total !== undefined && (
                <Text size="xs" c="dimmed">
                  {note(items.length, total)}
                </Text>
              )}
              <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                {t('actions.loadMore')}
              </Button>
            </Stack>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** A record's name that opens it, and a grey line below (where it takes place, who to ask). */
export function NameLink({ to, name, sub }: { to: string; name: string; sub?: ReactNode }) {
  return (
    <>
      <Anchor component={Link} to={to} fw={500} style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Anchor>
      <SubLine>{sub}</SubLine>
    </>
  );
}

/** A grey line below a cell's main text; nothing when there is nothing to say. */
export function SubLine({ children }: { children?: ReactNode }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}

/** A name in the trash, with when it went there. */
export function TrashedName({ name, note }: { name: string; note: string }) {
  return (
    <Stack gap={0}>
      <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Stack>
  );
}

/** The cell that brings a record back from the trash (`restore.mutate(id)`) and says so; a failure shows below the list. */
export function RestoreCell({ id, name, restore }: { id: string; name: string; restore: UseMutationResult<unknown, Error, string> }) {
  const { t } = useTranslation();
  return (
    <Table.Td ta="right">
      <Button
        size="xs"
        variant="light"
        loading={restore.isPending && restore.variables === id}
        onClick={() => restore.mutate(id, { onSuccess: () => notifyDone(t('states.restored')) })}
        aria-label={`${t('actions.restore')}: ${name}`}
      >
        {t('actions.restore')}
      </Button>
    </Table.Td>
  );
}
