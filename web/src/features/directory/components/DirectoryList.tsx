// The list screen clients and suppliers share: search, sort and the trash in the URL (so a list
// can be bookmarked and shared), the paged table with name and contact, restoring from the
// trash, and creating a new one.
import { Group, Modal, Select, Stack, Table, Text, type StyleProp } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { InfiniteData, UseInfiniteQueryResult, UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClearFilters, CreateButton, FilterBar, FilterSwitch, NameLink, PagedList, RestoreCell, SearchField, TrashedName } from '@/components/ui/ListParts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ScrollTable, type Column } from '@/components/ui/TableParts';
import type { Page } from '@/lib/api/lists';
import { formatDateTime } from '@/lib/format';
import type { UrlParams } from '@/lib/urlParams';
import { EmailLink, PhoneLink } from './parts';
import '../i18n';

export const SORTS = ['name', '-name', '-updated_at', '-created_at'] as const;

interface Listed {
  id: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  deleted_at?: string | null;
}

interface Props<T extends Listed> {
  kind: 'clients' | 'suppliers';
  url: UrlParams;
  canWrite: boolean;
  /** Showing the trash (only to those who may write). */
  trash: boolean;
  /** Any filter is set: "no matches" instead of "nothing yet", and "clear filters". */
  filtered: boolean;
  onClear: () => void;
  /** Filters between the search field and the sorting. */
  filters?: ReactNode;
  sortWidth: StyleProp<number | string>;
  list: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  restore: UseMutationResult<unknown, Error, string>;
  minWidth: number;
  /** Beside the name (not in the trash). */
  badge?: (item: T) => ReactNode;
  /** Under the name. */
  nameExtra?: (item: T) => ReactNode;
  /** Headings and cells between the name and the contact column. */
  before?: { columns: Column[]; cells: (item: T) => ReactNode };
  /** Headings and cells after the contact column. */
  after?: { columns: Column[]; cells: (item: T) => ReactNode };
  /** The creation form; `close` ends creating. */
  createForm: (close: () => void) => ReactNode;
}

export function DirectoryList<T extends Listed>(props: Props<T>) {
  const { kind, url, canWrite, trash, filtered, onClear, filters, sortWidth, list, restore, minWidth, badge, nameExtra, before, after, createForm } = props;
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const [creating, creation] = useDisclosure(false);
  const total = list.data?.pages[0]?.total ?? undefined;
  const title = trash ? t(`${kind}.trash`) : t(`${kind}.title`);

  return (
    <>
      <PageHeader
        title={title}
        subtitle={total !== undefined ? t(`${kind}.count`, { count: total }) : undefined}
        actions={canWrite && !trash && <CreateButton onClick={creation.open}>{t(`${kind}.new`)}</CreateButton>}
      />
      <FilterBar mb="md">
        <SearchField label={t(`${kind}.search`)} value={url.get('q')} onChange={(v) => url.set('q', v)} w={{ base: '100%', sm: 250 }} />
        {filters}
        <Select
          label={t('list.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          value={url.get('sort', 'name')}
          onChange={(v) => url.set('sort', v)}
          allowDeselect={false}
          w={sortWidth}
        />
        {canWrite && <FilterSwitch label={t('list.showTrash')} checked={trash} onChange={(on) => url.set('trash', on ? '1' : null)} />}
        <ClearFilters shown={filtered} onClear={onClear} />
      </FilterBar>
      <PagedList
        query={list}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : trash ? t(`${kind}.emptyTrash`) : t(`${kind}.empty`)}</Text>}
        note={(shown, count) => t('list.showing', { shown, count })}
        actionError={restore.error}
      >
        {(items) => (
          <ScrollTable
            label={title}
            minWidth={minWidth}
            striped
            columns={[t('fields.name'), ...(before?.columns ?? []), t('fields.contact'), ...(after?.columns ?? []), trash && '']}
          >
            {items.map((item) => (
              <Table.Tr key={item.id} data-testid={kind === 'clients' ? 'client-row' : 'supplier-row'}>
                <Table.Td maw={330}>
                  {trash ? (
                    <TrashedName name={item.name} note={t('fields.deletedAt', { date: formatDateTime(item.deleted_at) })} />
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <NameLink to={`/${kind}/${item.id}`} name={item.name} />
                      {badge?.(item)}
                    </Group>
                  )}
                  {nameExtra?.(item)}
                </Table.Td>
                {before?.cells(item)}
                <Table.Td maw={260}>
                  <Stack gap={0}>
                    <EmailLink email={item.email} />
                    <PhoneLink phone={item.phone} />
                  </Stack>
                </Table.Td>
                {after?.cells(item)}
                {trash && <RestoreCell id={item.id} name={item.name} restore={restore} />}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </PagedList>
      <Modal opened={creating} onClose={creation.close} title={t(`${kind}.createTitle`)} size="lg">
        {createForm(creation.close)}
      </Modal>
    </>
  );
}
