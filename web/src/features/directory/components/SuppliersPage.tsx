import { Badge, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { notifyDone } from '@/components/ui/confirm';
import { formatNumber } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useUrlParams } from '@/lib/urlParams';
import { useCreateSupplier, useRestoreSupplier, useSupplierCategories, useSupplierList } from '../api/suppliers';
import { DirectoryList } from './DirectoryList';
import { RatingView } from './parts';
import { SupplierForm, supplierBody, supplierValues } from './SupplierForm';
import '../i18n';

const RATINGS = ['1', '2', '3', '4', '4.5'];

/** Suppliers: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function SuppliersPage() {
  const { t, i18n } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const url = useUrlParams();
  const canWrite = useCan('suppliers:write');
  const categories = useSupplierCategories();
  const create = useCreateSupplier();

  const q = url.get('q');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const category = url.get('category');
  const active = url.get('active');
  const rating = url.get('rating');
  const sort = url.get('sort', 'name');
  const trash = canWrite && url.get('trash') === '1';
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
  const restore = useRestoreSupplier();

  return (
    <DirectoryList
      kind="suppliers"
      url={url}
      canWrite={canWrite}
      trash={trash}
      filtered={q !== '' || category !== '' || active !== '' || rating !== ''}
      onClear={() => url.clear(['trash'])}
      filters={
        <>
          <Select
            label={t('suppliers.category')}
            placeholder={t('suppliers.anyCategory')}
            data={categories}
            value={category || null}
            onChange={(v) => url.set('category', v)}
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
            onChange={(v) => url.set('active', v === 'all' ? null : v)}
            allowDeselect={false}
            w={{ base: 'calc(50% - 6px)', sm: 140 }}
          />
          <Select
            label={t('suppliers.minRating')}
            placeholder={t('suppliers.anyRating')}
            data={RATINGS.map((r) => ({ value: r, label: t('suppliers.ratingAtLeast', { rating: formatNumber(r, 1) }) }))}
            value={rating || null}
            onChange={(v) => url.set('rating', v)}
            clearable
            w={{ base: 'calc(50% - 6px)', sm: 170 }}
          />
        </>
      }
      sortWidth={{ base: 'calc(50% - 6px)', sm: 190 }}
      list={list}
      restore={restore}
      minWidth={760}
      badge={(supplier) =>
        !supplier.is_active && (
          <Badge color="gray" variant="light" radius="sm">
            {t('suppliers.inactive')}
          </Badge>
        )
      }
      nameExtra={(supplier) =>
        supplier.contact_person && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {supplier.contact_person}
          </Text>
        )
      }
      before={{ columns: [t('suppliers.category')], cells: (supplier) => <Table.Td>{supplier.category ?? '–'}</Table.Td> }}
      after={{
        columns: [t('suppliers.rating')],
        cells: (supplier) => (
          <Table.Td>
            <RatingView rating={supplier.rating} />
          </Table.Td>
        ),
      }}
      createForm={(close) => (
        <SupplierForm
          initial={supplierValues()}
          categories={categories}
          submitLabel={tc('actions.create')}
          onCancel={close}
          onSubmit={async (values) => {
            const supplier = await create.mutateAsync(supplierBody(values, i18n.language));
            close();
            notifyDone(t('suppliers.created', { name: supplier.name }));
            void navigate(`/suppliers/${supplier.id}`);
          }}
        />
      )}
    />
  );
}
