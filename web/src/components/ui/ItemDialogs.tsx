// The dialogs of a tab that lists records (`useItemDialog`): the form to create or edit one,
// and its details for those who may only read.
import { Modal } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemDialog } from '@/lib/itemDialog';
import { notifyDone } from './confirm';

/** What every record form takes from the dialog. */
export interface FormProps {
  creating: boolean;
  submitLabel: string;
  onCancel: () => void;
}

interface Props<T extends { id: string }> {
  dialog: ItemDialog<T>;
  /** The record as the list now has it (`useItemDialog().current`). */
  current: T | null;
  onClose: () => void;
  titles: { create: string; edit: string; view: (item: T) => string };
  /**
   * The form: without `item` to create, with it to edit. `done(message)` after a save closes
   * the dialog and says so.
   */
  form: (item: T | undefined, props: FormProps, done: (message: string) => void) => ReactNode;
  details: (item: T) => ReactNode;
}

export function ItemDialogs<T extends { id: string }>({ dialog, current, onClose, titles, form, details }: Props<T>) {
  const { t } = useTranslation();
  const mode = dialog?.mode;
  const done = (message: string) => {
    onClose();
    notifyDone(message);
  };
  const editing = mode === 'edit' && current ? current : undefined;
  return (
    <>
      <Modal opened={mode === 'create' || mode === 'edit'} onClose={onClose} title={mode === 'create' ? titles.create : titles.edit} size="lg">
        {(mode === 'create' || editing) && (
          <Fragment key={editing?.id ?? 'new'}>
            {form(editing, { creating: !editing, submitLabel: editing ? t('actions.save') : t('actions.create'), onCancel: onClose }, done)}
          </Fragment>
        )}
      </Modal>
      <Modal opened={mode === 'view'} onClose={onClose} title={current ? titles.view(current) : ''} size="lg">
        {mode === 'view' && current && details(current)}
      </Modal>
    </>
  );
}
