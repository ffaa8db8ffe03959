// What every form shows around its fields: the message above it (`useFormSubmit`'s `message`;
// after a 412 with a button that loads the latest version) and its Cancel and submit buttons;
// and a choice, a date and an amount bound to a react-hook-form field.
import { Alert, Button, Group, Select, Stack, Text, type SelectProps } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { defineTexts } from '@/lib/i18n/define';
import { DateField, type DateFieldProps } from './DateField';
import { MoneyInput } from './MoneyInput';

defineTexts(
  'forms',
  {
    conflictTitle: 'Inzwischen geändert',
    loadLatest: 'Aktuellen Stand laden (Ihre Eingaben gehen verloren)',
  },
  {
    conflictTitle: 'Changed in the meantime',
    loadLatest: 'Load the latest version (your input is discarded)',
  },
);

interface MessageProps {
  message: string | null;
  /** The failure was a 412: explained in yellow, with `onReload` offered when given. */
  conflict?: boolean;
  onReload?: () => Promise<void> | void;
}

export function FormMessage({ message, conflict = false, onReload }: MessageProps) {
  const { t } = useTranslation('forms');
  if (!message) return null;
  if (!conflict) {
    return (
      <Alert color="red" role="alert">
        {message}
      </Alert>
    );
  }
  return (
    <Alert color="yellow" role="alert" title={t('conflictTitle')}>
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {onReload && (
          <Group>
            <Button size="xs" variant="white" onClick={() => void onReload()}>
              {t('loadLatest')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

interface ButtonsProps {
  submitLabel: string;
  submitting: boolean;
  onCancel: () => void;
}

export function FormButtons({ submitLabel, submitting, onCancel }: ButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Group>
  );
}

type Bound<T extends FieldValues> = { control: Control<T>; name: Path<T> };

/** A `Select` for a form field; one that may not be emptied (`allowDeselect={false}`) keeps its value. */
export function FormSelect<T extends FieldValues>({ control, name, ...rest }: Bound<T> & Omit<SelectProps, 'value' | 'onChange' | 'name'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          {...rest}
          value={field.value as string | null}
          onChange={(value) => field.onChange(value ?? (rest.allowDeselect === false ? field.value : null))}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}

/** A `DateField` for a form field (`YYYY-MM-DD` or null). */
export function FormDateField<T extends FieldValues>({ control, name, ...rest }: Bound<T> & Omit<DateFieldProps, 'value' | 'onChange' | 'name'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <DateField {...rest} value={field.value as string | null} onChange={field.onChange} onBlur={field.onBlur} />}
    />
  );
}

interface MoneyFieldProps<T extends FieldValues> {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  /** Shown at the field while its text is no amount (`12,5x`). */
  invalid: string;
  /** The amount's currency, shown inside the field. */
  currency?: string;
  /** Told whether the text is an amount (or empty), for a form that refuses to save meanwhile. */
  onValidity?: (valid: boolean) => void;
}

/** An amount (`MoneyInput`, a decimal string or null) for a form field. */
export function FormMoneyField<T extends FieldValues>({ form, name, label, invalid, currency, onValidity }: MoneyFieldProps<T>) {
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <MoneyInput
          label={label}
          value={field.value as string | null}
          {...(currency
            ? {
                rightSection: (
                  <Text size="xs" c="dimmed" aria-hidden>
                    {currency}
                  </Text>
                ),
                rightSectionWidth: 44,
              }
            : {})}
          onChange={(value, text) => {
            field.onChange(value);
            const bad = text.trim() !== '' && value === null;
            onValidity?.(!bad);
            if (bad) form.setError(name, { message: invalid });
            else form.clearErrors(name);
          }}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
