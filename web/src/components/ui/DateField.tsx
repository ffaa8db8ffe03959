import { DatePickerInput, type DatePickerInputProps } from '@mantine/dates';

type Props = Omit<DatePickerInputProps<'default'>, 'value' | 'onChange' | 'type'> & {
  /** `YYYY-MM-DD` or empty. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
};

/** A calendar date as the API wants it (`YYYY-MM-DD`), picked in the user's locale. */
export function DateField({ value, onChange, ...rest }: Props) {
  return (
    <DatePickerInput
      {...rest}
      value={value || null}
      onChange={(next) => onChange(next ? String(next).slice(0, 10) : null)}
      valueFormat="L"
      clearable={!rest.required}
    />
  );
}
