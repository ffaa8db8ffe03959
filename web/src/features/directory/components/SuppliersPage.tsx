import { Anchor, Badge, Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useSuppliers } from '@/lib/queries/project';
import { useCreateSupplier, useRestoreSupplier, useSupplierList } from '../api/suppliers';
import { EmailLink, PhoneLink, RatingView } from './parts';
import { SupplierForm, supplierBody, supplierValues } from './SupplierForm';
import '../i18n';

const SORTS = ['name', '-name', '-updated_at', '-created_at'] as const;
const RATINGS = ['1', '2', '3', '4', '4.5'];

/** Suppliers: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function SuppliersPage() {
  const { t, i18n } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, creation] = useDisclosure(false);
  const canWrite = useCan('suppliers:write');
  const all = useSuppliers();
  const create = useCreateSupplier();
  const restore = useRestoreSupplier();

  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const category = params.get('category') ?? '';
  const active = params.get('active') ?? '';
  const rating = params.get('rating') ?? '';
  const sort = params.get('sort') ?? 'name';
  const trash = canWrite && params.get('trash') === '1';
  const filters = useMemo(
    () => ({
      q: debouncedQ,
      category,
      is_active: active === '' ? undefined : active === '1',
      rating_gte: rating,
      sort,
      deleted: trash,
    }),
    [debouncedQ, category, active, rating, sort, trash],
  );
  const list = useSupplierList(filters);
  const categories = useMemo(
    () =>
      [...new Set((all.data?.items ?? []).map((s) => s.category?.trim()).filter((c): c is string => !!c))].sort((a, b) =>
        a.localeCompare(b, i18n.language),
      ),
    [all.data, i18n.language],
  );
  const filtered = q !== '' || category !== '' || active !== '' || rating !== '';

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={trash ? t('suppliers.trash') : t('suppliers.title')}
        subtitle={total !== undefined ? t('suppliers.count', { count: total }) : undefined}
        actions={
          canWrite &&
          !trash && (
            <Button leftSection={<IconPlus size={16} />} onClick={creation.open}>
              {t('suppliers.new')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('suppliers.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
          type="search"
        />
        <Select
          label={t('suppliers.category')}
          placeholder={t('suppliers.anyCategory')}
          data={categories}
          value={category || null}
          onChange={(v) => set('category', v)}
          searchable
          clearable
          w={{ base: 'calc(50% - 6px)', sm: 200 }}
        />
        <Select
          label={t('suppliers.activeFilter')}
          data={[
            { value: 'all', label: t('suppliers.activeOptions.all') },
            { value: '1', label: t('suppliers.activeOptions.active') },
            { value: '0', label: t('suppliers.activeOptions.inactive') },
          ]}
          value={active || 'all'}
          onChange={(v) => set('active', v === 'all' ? null : v)}
          allowDeselect={false}
          w={{ base: 'calc(50% - 6px)', sm: 140 }}
        />
        <Select
          label={t('suppliers.minRating')}
          placeholder={t('suppliers.anyRating')}
          data={RATINGS.map((r) => ({ value: r, label: t('suppliers.ratingAtLeast', { rating: formatNumber(r, 1) }) }))}
          value={rating || null}
          onChange={(v) => set('rating', v)}
          clearable
          w={{ base: 'calc(50% - 6px)', sm: 170 }}
        />
        <Select
          label={t('list.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => set('sort', v)}
          allowDeselect={false}
          w={{ base: 'calc(50% - 6px)', sm: 190 }}
        />
        {canWrite && (
          <Switch
            label={t('list.showTrash')}
            checked={trash}
            onChange={(e) => set('trash', e.currentTarget.checked ? '1' : null)}
            mb={8}
          />
        )}
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(trash ? { trash: '1' } : {}, { replace: true })} mb={2}>
            {tc('actions.clearFilters')}
          </Button>
        )}
      </Group>
      <QueryState
        query={list}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={<Text c="dimmed">{filtered ? tc('states.noMatches') : trash ? t('suppliers.emptyTrash') : t('suppliers.empty')}</Text>}
      >
        {() => (
          <Stack gap="sm">
            <div className="table-scroll">
              <Table miw={760} striped aria-label={trash ? t('suppliers.trash') : t('suppliers.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.name')}</Table.Th>
                    <Table.Th>{t('suppliers.category')}</Table.Th>
                    <Table.Th>{t('fields.contact')}</Table.Th>
                    <Table.Th>{t('suppliers.rating')}</Table.Th>
                    {trash && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((supplier) => (
                    <Table.Tr key={supplier.id} data-testid="supplier-row">
                      <Table.Td maw={320}>
                        {trash ? (
                          <Stack gap={0}>
                            <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                              {supplier.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('fields.deletedAt', { date: formatDateTime(supplier.deleted_at) })}
                            </Text>
                          </Stack>
                        ) : (
                          <Group gap="xs" wrap="nowrap">
                            <Anchor component={Link} to={`/suppliers/${supplier.id}`} fw={500} style={{ overflowWrap: 'anywhere' }}>
                              {supplier.name}
                            </Anchor>
                            {!supplier.is_active && (
                              <Badge color="gray" variant="light" radius="sm">
                                {t('suppliers.inactive')}
                              </Badge>
                            )}
                          </Group>
                        )}
                        {supplier.contact_person && (
                          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                            {supplier.contact_person}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{supplier.category ?? '–'}</Table.Td>
                      <Table.Td maw={260}>
                        <Stack gap={0}>
                          <EmailLink email={supplier.email} />
                          <PhoneLink phone={supplier.phone} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <RatingView rating={supplier.rating} />
                      </Table.Td>
                      {trash && (
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="light"
                            loading={restore.isPending && restore.variables === supplier.id}
                            onClick={() =>
                              restore.mutate(supplier.id, {
                                onSuccess: () => notifications.show({ message: tc('states.restored'), color: 'green' }),
                              })
                            }
                            aria-label={`${tc('actions.restore')}: ${supplier.name}`}
                          >
                            {tc('actions.restore')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {restore.isError && <ErrorAlert error={restore.error} />}
            {list.hasNextPage && (
              <Stack gap={4} align="center">
                {total !== undefined && (
                  <Text size="xs" c="dimmed">
                    {t('list.showing', { shown: items.length, count: total })}
                  </Text>
                )}
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {tc('actions.loadMore')}
                </Button>
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
      <Modal opened={creating} onClose={creation.close} title={t('suppliers.createTitle')} size="lg">
        <SupplierForm
          initial={supplierValues()}
          categories={categories}
          submitLabel={tc('actions.create')}
          onCancel={creation.close}
          onSubmit={async (values) => {
            const supplier = await create.mutateAsync(supplierBody(values, i18n.language));
            creation.close();
            notifications.show({ message: t('suppliers.created', { name: supplier.name }), color: 'green' });
            void navigate(`/suppliers/${supplier.id}`);
          }}
        />
      </Modal>
    </>
  );
}
