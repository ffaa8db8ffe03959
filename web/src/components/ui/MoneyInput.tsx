import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '@/lib/format';
import { compare, parseDecimal } from '@/lib/money';

type Props = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** Decimal string as the API has it (`12500.00`), or empty. */
  value: string | null | undefined;
  /** The parsed decimal string, or `null` when the text is not a number (yet). */
  onChange: (value: string | null, text: string) => void;
};

/**
 * Amounts typed the way people type them in their language (`12.500,50` in German) and
 * handed on as exact decimal strings; never through a float.
 */
export function MoneyInput({ value, onChange, ...rest }: Props) {
  const { i18n } = useTranslation();
  const shown = (v: string | null | undefined) => (v ? formatAmount(v) : '');
  const [text, setText] = useState(() => shown(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // The value changed from outside (a reset form) or by our own typing: follow the former
    // only, so that typing `12,` is not reformatted under the cursor.
    setSeen(value);
    const parsed = parseDecimal(text, i18n.language);
    const same = value && parsed ? compare(value, parsed) === 0 : (value || null) === parsed;
    if (!same) setText(shown(value));
  }
  return (
    <TextInput
      {...rest}
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(parseDecimal(event.currentTarget.value, i18n.language), event.currentTarget.value);
      }}
    />
  );
}
