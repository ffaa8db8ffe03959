// The grip a person drags a row, card or column by (dnd-kit): the attributes and listeners of
// the draggable go on it, so keyboard dragging starts here too.
import { ActionIcon } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import type { HTMLAttributes, Ref } from 'react';
import classes from './DragHandle.module.css';

interface Props {
  handleRef: Ref<HTMLButtonElement>;
  label: string;
  /** dnd-kit's `attributes` and `listeners` of the draggable. */
  dragProps: HTMLAttributes<HTMLButtonElement>;
  testId?: string;
  size?: number;
}

export function DragHandle({ handleRef, label, dragProps, testId, size = 16 }: Props) {
  return (
    <ActionIcon
      ref={handleRef}
      variant="subtle"
      color="gray"
      size="sm"
      className={classes.handle}
      {...dragProps}
      aria-label={label}
      data-testid={testId}
    >
      <IconGripVertical size={size} aria-hidden />
    </ActionIcon>
  );
}
