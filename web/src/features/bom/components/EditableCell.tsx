import { Select, TextInput, UnstyledButton } from '@mantine/core';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface TextProps {
  /** The value as shown while not editing. */
  display: ReactNode;
  /** The value the input starts with. */
  initial: string;
  label: string;
  editable: boolean;
  align?: 'left' | 'right';
  /** Parses the text; `null` refuses it (the input shows `invalid`). */
  parse?: (text: string) => string | null;
  invalid?: string;
  onCommit: (value: string) => void;
}

/**
 * A cell that edits in place: click or Enter opens an input, Enter or leaving saves, Escape
 * cancels. Unchanged values are not sent.
 */
export function EditableText({ display, initial, label, editable, align = 'left', parse, invalid, onCommit }: TextProps) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  // Enter closes the input, and the browser then reports a blur as the input goes away: only
  // the first of the two may save, or the second would send a stale version (a false 412).
  const closed = useRef(false);
  if (!editable) {
    return <span style={{ display: 'block', textAlign: align, overflow: 'hidden', textOverflow: 'ellipsis' }}>{display}</span>;
  }
  if (!editing) {
    return (
      <UnstyledButton
        onClick={() => {
          setText(initial);
          setError(null);
          closed.current = false;
          setEditing(true);
        }}
        aria-label={label}
        title={label}
        style={{ display: 'block', width: '100%', textAlign: align, minHeight: 24, fontSize: 'inherit', fontWeight: 'inherit', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      >
        {display}
      </UnstyledButton>
    );
  }
  const finish = (save: boolean) => {
    if (closed.current) return;
    if (!save) {
      closed.current = true;
      setEditing(false);
      return;
    }
    const value = parse ? parse(text) : text.trim();
    if (value === null) {
      setError(invalid ?? '');
      return;
    }
    closed.current = true;
    setEditing(false);
    if (value !== initial) onCommit(value);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };
  return (
    <TextInput
      size="xs"
      autoFocus
      value={text}
      aria-label={label}
      error={error || undefined}
      onChange={(event) => {
        setText(event.currentTarget.value);
        setError(null);
      }}
      onKeyDown={onKey}
      onBlur={() => finish(true)}
      styles={{ input: { textAlign: align } }}
    />
  );
}

interface ChoiceProps {
  value: string | null;
  options: { value: string; label: string }[];
  label: string;
  editable: boolean;
  display: ReactNode;
  clearable?: boolean;
  placeholder?: string;
  onCommit: (value: string | null) => void;
}

/**
 * A cell choosing from a list (status, supplier): shown as plain content, a select only while
 * it is being changed (a select per visible row would make scrolling a long tree slow).
 */
export function EditableChoice({ value, options, label, editable, display, clearable, placeholder, onCommit }: ChoiceProps) {
  const [editing, setEditing] = useState(false);
  if (!editable || options.length <= 1) return <>{display}</>;
  if (!editing) {
    return (
      <UnstyledButton onClick={() => setEditing(true)} aria-label={label} title={label} style={{ display: 'block', maxWidth: '100%' }}>
        {display}
      </UnstyledButton>
    );
  }
  return (
    <Select
      size="xs"
      aria-label={label}
      data={options}
      value={value}
      autoFocus
      defaultDropdownOpened
      onDropdownClose={() => setEditing(false)}
      onBlur={() => setEditing(false)}
      onChange={(next) => {
        setEditing(false);
        if (next !== value && (next !== null || clearable)) onCommit(next);
      }}
      searchable={options.length > 8}
      clearable={clearable}
      placeholder={placeholder}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
