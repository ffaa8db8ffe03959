// What a client's and a supplier's page share: the way back to the list, the header with Edit
// and "move to trash" (for those who may write), the details, and the edit dialog.
import { Anchor, Button, Modal, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { confirmDanger, outcome } from '@/components/ui/confirm';
import { PageHeader } from '@/components/ui/PageHeader';
import { Details } from './parts';
import '../i18n';

interface Props {
  /** The list this record belongs to (`/clients`): the way back, and where trashing leads. */
  list: string;
  title: string;
  subtitle?: ReactNode;
  canWrite: boolean;
  deleted: boolean;
  trash: UseMutationResult<unknown, Error, void>;
  trashConfirm: string;
  trashed: string;
  editTitle: string;
  /** The edit form; `close` ends editing. */
  form: (close: () => void) => ReactNode;
  /** The `Detail` rows. */
  details: ReactNode;
  /** Below the details (a client's projects). */
  children?: ReactNode;
}

export function DetailShell({ list, title, subtitle, canWrite, deleted, trash, trashConfirm, trashed, editTitle, form, details, children }: Props) {
  const { t } = useTranslation('directory');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [editing, editor] = useDisclosure(false);

  const confirmTrash = () =>
    confirmDanger({
      title: t('detail.trash'),
      message: trashConfirm,
      onConfirm: () => trash.mutate(undefined, outcome(trashed, () => void navigate(list), { autoClose: 10_000 })),
    });

  return (
    <>
      <Anchor component={Link} to={list} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> {t('detail.back')}
      </Anchor>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          canWrite &&
          !deleted && (
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
          <Details>{details}</Details>
        </Paper>
        {children}
      </Stack>
      <Modal opened={editing} onClose={editor.close} title={editTitle} size="lg">
        {form(editor.close)}
      </Modal>
    </>
  );
}
