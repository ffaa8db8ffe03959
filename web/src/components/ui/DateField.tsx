import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { useTranslation } from 'react-i18next';
import { calendarLabels } from '@/lib/calendarLabels';

dayjs.extend(customParseFormat);
dayjs.extend(localizedFormat);

/** What people type: their locale's short form, with or without leading zeros, or ISO. */
const FORMATS = ['DD.MM.YYYY', 'D.M.YYYY', 'D.M.YY', 'DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  for (const format of FORMATS) {
    const parsed = dayjs(trimmed, format, true);
    if (parsed.isValid()) return parsed.format('YYYY-MM-DD');
  }
  return null;
}

export type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange'> & {
  /** `YYYY-MM-DD` or empty. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
};

/**
 * A calendar date as the API wants it (`YYYY-MM-DD`): typed in the user's format
 * (`23.05.2027`, `23/05/2027`) or picked from the calendar (its buttons named).
 */
export function DateField({ value, onChange, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      clearButtonProps={{ 'aria-label': t('actions.clear') }}
      ariaLabels={calendarLabels()}
      {...rest}
      value={value || null}
      onChange={(next) => onChange(next ? String(next).slice(0, 10) : null)}
      valueFormat="L"
      dateParser={(text) => parseTypedDate(text)}
      clearable={!rest.required}
      placeholder={rest.placeholder ?? dayjs().format('L')}
    />
  );
}
