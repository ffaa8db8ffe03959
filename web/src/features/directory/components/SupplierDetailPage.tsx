import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { notifyDone } from '@/components/ui/confirm';
import { QueryState } from '@/components/ui/QueryState';
import { formatDateTime } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import type { Supplier } from '@/lib/queries/types';
import { useSupplier, useSupplierCategories, useTrashSupplier, useUpdateSupplier } from '../api/suppliers';
import { DetailShell } from './DetailShell';
import { Detail, EmailLink, PhoneLink, RatingView } from './parts';
import { SupplierForm, supplierBody, supplierValues } from './SupplierForm';
import '../i18n';

export function SupplierDetailPage() {
  const { supplierId = '' } = useParams();
  const supplier = useSupplier(supplierId);
  return <QueryState query={supplier}>{(data) => <SupplierDetail supplier={data} refetch={supplier.refetch} />}</QueryState>;
}

function SupplierDetail({ supplier, refetch }: { supplier: Supplier; refetch: () => Promise<{ data?: Supplier }> }) {
  const { t, i18n } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const canWrite = useCan('suppliers:write');
  const update = useUpdateSupplier(supplier);
  const trash = useTrashSupplier(supplier);
  const categories = useSupplierCategories(canWrite);

  return (
    <DetailShell
      list="/suppliers"
      title={supplier.name}
      subtitle={
        <Group gap="xs" component="span">
          {supplier.category && <span>{supplier.category}</span>}
          {!supplier.is_active && (
            <Badge color="gray" variant="light" radius="sm">
              {t('suppliers.inactive')}
            </Badge>
          )}
        </Group>
      }
      canWrite={canWrite}
      deleted={!!supplier.deleted_at}
      trash={trash}
      trashConfirm={t('suppliers.trashConfirm', { name: supplier.name })}
      trashed={t('suppliers.trashed')}
      editTitle={t('suppliers.editTitle')}
      details={
        <>
          <Detail label={t('fields.contactPerson')}>{supplier.contact_person}</Detail>
          <Detail label={t('suppliers.rating')}>
            <RatingView rating={supplier.rating} />
          </Detail>
          <Detail label={t('fields.email')}>{supplier.email && <EmailLink email={supplier.email} />}</Detail>
          <Detail label={t('fields.phone')}>{supplier.phone && <PhoneLink phone={supplier.phone} />}</Detail>
          <Detail label={t('suppliers.category')}>{supplier.category}</Detail>
          <Detail label={t('suppliers.activeFilter')}>
            {supplier.is_active ? t('suppliers.activeOptions.active') : t('suppliers.activeOptions.inactive')}
          </Detail>
          <Detail label={t('fields.address')} wide>
            {supplier.address}
          </Detail>
          <Detail label={t('fields.notes')} wide>
            {supplier.notes}
          </Detail>
          <Detail label={t('fields.createdAt')}>{formatDateTime(supplier.created_at)}</Detail>
          <Detail label={t('fields.updatedAt')}>{formatDateTime(supplier.updated_at)}</Detail>
        </>
      }
      form={(close) => (
        <SupplierForm
          initial={supplierValues(supplier)}
          categories={categories}
          submitLabel={tc('actions.save')}
          onCancel={close}
          onReload={async () => {
            const latest = await refetch();
            return latest.data ? supplierValues(latest.data) : undefined;
          }}
          onSubmit={async (values) => {
            await update.mutateAsync(supplierBody(values, i18n.language));
            close();
            notifyDone(tc('states.saved'));
          }}
        />
      )}
    />
  );
}
