// The server's 422 field errors carry a stable `code` and an English `message`. Known codes
// are shown in the user's language; anything else keeps the server's sentence.
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import i18n from '@/lib/i18n';
import { defineTexts } from '@/lib/i18n/define';

defineTexts(
  'fieldErrors',
  {
    required: 'Pflichtfeld',
    invalid_email: 'Bitte eine E-Mail-Adresse wie name@example.com eingeben.',
    invalid_phone: 'Nur Ziffern, Leerzeichen und + - ( ) / . sind erlaubt.',
    too_long: 'Das ist zu lang.',
    invalid_characters: 'Enthält Steuerzeichen.',
    too_short: 'Mindestens 10 Zeichen.',
    too_common: 'Dieses Passwort ist zu leicht zu erraten. Bitte ein anderes wählen.',
    wrong_password: 'Das Passwort stimmt nicht.',
    invalid_code: 'Der Code stimmt nicht (oder wurde schon benutzt). Bitte den aktuellen Code eingeben.',
    invalid_rating: 'Eine Bewertung von 0 bis 5 mit höchstens zwei Nachkommastellen.',
    invalid_name: '2–64 Zeichen aus a–z, 0–9 und _.',
    invalid_username: 'Nur Buchstaben, Ziffern und . _ -',
    unknown_role: 'Diese Rolle gibt es nicht.',
    unknown_client: 'Diesen Kunden gibt es nicht.',
    in_the_past: 'Das Datum muss in der Zukunft liegen.',
    not_yours: 'Diese Berechtigung haben Sie selbst nicht.',
  },
  {
    required: 'Required',
    invalid_email: 'Please enter an email address such as name@example.com.',
    invalid_phone: 'Only digits, spaces and + - ( ) / . are allowed.',
    too_long: 'This is too long.',
    invalid_characters: 'Contains control characters.',
    too_short: 'At least 10 characters.',
    too_common: 'This password is too easy to guess. Please choose another.',
    wrong_password: 'The password is not correct.',
    invalid_code: 'The code is not right (or was used already). Please enter the current code.',
    invalid_rating: 'A rating from 0 to 5 with at most two decimals.',
    invalid_name: '2–64 characters of a–z, 0–9 and _.',
    invalid_username: 'Letters, digits and . _ - only',
    unknown_role: 'This role does not exist.',
    unknown_client: 'This client does not exist.',
    in_the_past: 'The date must be in the future.',
    not_yours: 'You do not hold this permission yourself.',
  },
);

/** The sentence for a field error's code, or the server's own `message`. */
export function fieldErrorText(code: string | undefined, message: string | undefined): string {
  if (code && i18n.exists(`fieldErrors:${code}`)) return i18n.t(`fieldErrors:${code}`);
  return message ?? '';
}

/** `setError` that puts translated sentences on the fields (for `applyServerErrors`). */
export function translatedSetError<T extends FieldValues>(setError: UseFormSetError<T>): UseFormSetError<T> {
  return (name, error, options) =>
    setError(name, { ...error, message: fieldErrorText(error.type, error.message) }, options);
}
