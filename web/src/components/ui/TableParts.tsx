// Tables: one that scrolls sideways on a phone, and pieces of tables whose rows open a record:
// the name that opens it, the row's edit and delete buttons, a menu of the status moves it may
// make, and a read-only list of its fields.
import { ActionIcon, Button, Group, Menu, Stack, Table, Text, UnstyledButton, VisuallyHidden, type TableProps } from '@mantine/core';
import { IconChevronDown, IconPencil, IconTrash } from '@tabler/icons-react';
import type { CSSProperties, ReactNode } from 'react';

/** A column's heading: its text, or with alignment and width, or named for screen readers only. */
export type Column = string | { label: string; align?: 'right'; width?: number; hidden?: boolean };

interface ScrollTableProps extends Omit<TableProps, 'children'> {
  /** The table's name (for screen readers and the E2E tests' axe check). */
  label: string;
  /** Below this width the table scrolls sideways instead of squeezing. */
  minWidth?: number;
  /** The headings; `false`, `null` or `undefined` leave a column out. */
  columns: (Column | false | null | undefined)[];
  /** The scrolling box's style (a maximum height). */
  boxStyle?: CSSProperties;
  children: ReactNode;
}

export function ScrollTable({ label, minWidth, columns, boxStyle, children, ...rest }: ScrollTableProps) {
  return (
    <div className="table-scroll" style={boxStyle}>
      <Table miw={minWidth} aria-label={label} {...rest}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => {
              if (column === false || column === null || column === undefined) return null;
              const { label: text, align, width, hidden } = typeof column === 'string' ? { label: column } : column;
              return (
                <Table.Th key={index} ta={align} w={width}>
                  {hidden ? <VisuallyHidden>{text}</VisuallyHidden> : text}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </div>
  );
}

/** The record's name as a button that opens it. */
export function OpenButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <UnstyledButton onClick={onClick} style={{ textAlign: 'left' }}>
      <Text size="sm" fw={600} c="blue.8" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </UnstyledButton>
  );
}

interface RowActionsProps {
  /** The buttons' names for screen readers, with the record's name. */
  editLabel?: string;
  deleteLabel?: string;
  /** Each button shows only with its action. */
  onEdit?: () => void;
  onDelete?: () => void;
  /** Before the buttons (a status menu). */
  children?: ReactNode;
}

/** A row's edit (pencil) and delete (red bin) buttons, at the row's end. */
export function RowActions({ editLabel, deleteLabel, onEdit, onDelete, children }: RowActionsProps) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {children}
      {onEdit && (
        <ActionIcon variant="subtle" onClick={onEdit} aria-label={editLabel}>
          <IconPencil size={16} />
        </ActionIcon>
      )}
      {onDelete && (
        <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={deleteLabel}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}

export interface Move {
  to: string;
  label: string;
  /** A move that ends the record's course (rejected, cancelled): in red. */
  danger?: boolean;
}

interface MoveMenuProps {
  label: string;
  /** The button's name for screen readers, with the record's name. */
  ariaLabel: string;
  moves: Move[];
  pending: boolean;
  onMove: (to: string) => void;
}

/** The status moves a record may make; nothing when it may make none. */
export function MoveMenu({ label, ariaLabel, moves, pending, onMove }: MoveMenuProps) {
  if (moves.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} />} aria-label={ariaLabel} loading={pending}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {moves.map((move) => (
          <Menu.Item key={move.to} color={move.danger ? 'red' : undefined} onClick={() => onMove(move.to)}>
            {move.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Label above value, one field after the other: a record for those who may only read it. */
export function DetailList({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <Stack gap="xs" component="dl" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
