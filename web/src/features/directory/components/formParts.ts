// What the client and the supplier form share: the contact fields (name, contact person,
// email, phone, address, notes), their rules (the server applies them too), and how they
// become the API's body.
import { z } from 'zod';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A loose email check for quick feedback; the server has the final word (its 422 shows too). */
export const looseEmail = /^[^\s@]+@[^\s@]+$/;

export function textField(t: T, max: number) {
  return z.string().max(max, t('form.tooLong', { max }));
}

export function optionalEmail(t: T) {
  return z
    .string()
    .trim()
    .max(254, t('form.tooLong', { max: 254 }))
    .refine((v) => v === '' || looseEmail.test(v), t('form.emailFormat'));
}

/** Empty text is "no value" for the API. */
export function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export interface ContactValues {
  name: string;
  contact_person: string;
  email: string;
  phone: string;
  address: string;
  notes: string;
}

export const CONTACT_FIELDS = ['name', 'contact_person', 'email', 'phone', 'address', 'notes'] as const;

/** The rules of the contact fields, for a form's `z.object`. */
export function contactRules(t: T) {
  return {
    name: z.string().trim().min(1, t('form.required')).max(200, t('form.tooLong', { max: 200 })),
    contact_person: textField(t, 200),
    email: optionalEmail(t),
    phone: textField(t, 50),
    address: textField(t, 1000),
    notes: textField(t, 10_000),
  };
}

type Stored = { [K in keyof ContactValues]?: string | null };

/** A record's contact fields as the form shows them (a new one: all empty). */
export function contactValues(record?: Stored): ContactValues {
  return {
    name: record?.name ?? '',
    contact_person: record?.contact_person ?? '',
    email: record?.email ?? '',
    phone: record?.phone ?? '',
    address: record?.address ?? '',
    notes: record?.notes ?? '',
  };
}

/** The contact fields as the API's create/update body: empty texts clear the field. */
export function contactBody(values: ContactValues) {
  return {
    name: values.name.trim(),
    contact_person: text(values.contact_person),
    email: text(values.email),
    phone: text(values.phone),
    address: text(values.address),
    notes: text(values.notes),
  };
}
