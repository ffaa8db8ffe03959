import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useSuppliers } from '@/lib/queries/project';
import type { Supplier } from '@/lib/queries/types';
import { useSupplier, useTrashSupplier, useUpdateSupplier } from '../api/suppliers';
import { Detail, Details, EmailLink, PhoneLink, RatingView } from './parts';
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
  const navigate = useNavigate();
  const canWrite = useCan('suppliers:write');
  const [editing, editor] = useDisclosure(false);
  const update = useUpdateSupplier(supplier);
  const trash = useTrashSupplier(supplier);
  const all = useSuppliers(canWrite);
  const categories = useMemo(
    () => [...new Set((all.data?.items ?? []).map((s) => s.category?.trim()).filter((c): c is string => !!c))].sort(),
    [all.data],
  );

  const confirmTrash = () =>
    modals.openConfirmModal({
      title: t('detail.trash'),
      children: <Text size="sm">{t('suppliers.trashConfirm', { name: supplier.name })}</Text>,
      labels: { confirm: t('detail.trash'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        trash.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ message: t('suppliers.trashed'), color: 'green' });
            void navigate('/suppliers');
          },
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red', autoClose: 10_000 }),
        }),
    });

  return (
    <>
      <Anchor component={Link} to="/suppliers" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> {t('detail.back')}
      </Anchor>
      <PageHeader
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
        actions={
          canWrite &&
          !supplier.deleted_at && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editor.open}>
                {tc('actions.edit')}
              </Button>
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={confirmTrash} loading={trash.isPending}>
                {t('detail.trash')}
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Details>
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
          </Details>
        </Paper>
      </Stack>
      <Modal opened={editing} onClose={editor.close} title={t('suppliers.editTitle')} size="lg">
        <SupplierForm
          initial={supplierValues(supplier)}
          categories={categories}
          submitLabel={tc('actions.save')}
          onCancel={editor.close}
          onReload={async () => {
            const latest = await refetch();
            return latest.data ? supplierValues(latest.data) : undefined;
          }}
          onSubmit={async (values) => {
            await update.mutateAsync(supplierBody(values, i18n.language));
            editor.close();
            notifications.show({ message: tc('states.saved'), color: 'green' });
          }}
        />
      </Modal>
    </>
  );
}
