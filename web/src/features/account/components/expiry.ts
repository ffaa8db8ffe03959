// When a new API token expires: a number of days from now, never, or the end of a chosen day
// in the user's time zone.

export const EXPIRIES = ['30', '90', '365', 'never', 'custom'] as const;
export type Expiry = (typeof EXPIRIES)[number];

/** The `expires_at` instant the API wants (RFC 3339), or `null` for no expiry. */
export function expiresAt(expiry: Expiry, date: string | null, now: Date): string | null {
  if (expiry === 'never') return null;
  if (expiry === 'custom') {
    if (!date) return null;
    const [y, m, d] = date.slice(0, 10).split('-').map(Number);
    if (!y || !m || !d) return null;
    return new Date(y, m - 1, d, 23, 59, 59).toISOString();
  }
  return new Date(now.getTime() + Number(expiry) * 86_400_000).toISOString();
}
