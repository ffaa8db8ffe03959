// The transport vocabulary (the server's statuses and `TRANSPORT_TYPES`, for filters and texts)
// and how the moves the server allows (GET /statuses) are offered: the server's rule that a
// scheduled or moving transport has a date (crates/app/src/logistics.rs `check_status_facts`)
// is applied before offering a move.

export const TRANSPORT_STATUSES = ['PLANNED', 'SCHEDULED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'] as const;
export type TransportStatus = (typeof TRANSPORT_STATUSES)[number];

export const TRANSPORT_TYPES = ['DELIVERY', 'PICKUP', 'TRANSFER', 'RETURN'] as const;

/** States the server accepts only for a transport with a date (`check_status_facts`). */
const NEED_DATE: readonly string[] = ['SCHEDULED', 'IN_TRANSIT'];

/**
 * The statuses a transport may move to now: the server's moves for its status (`next`, from
 * GET /statuses), without those that need a date while the transport has none (the server
 * would answer 422; the date comes first, in the edit form).
 */
export function nextTransportStatuses(
  transport: { status: string; scheduled_at?: string | null },
  next: readonly string[],
): string[] {
  return next.filter((to) => to !== transport.status && (transport.scheduled_at || !NEED_DATE.includes(to)));
}

export const TRANSPORT_STATUS_COLORS: Record<TransportStatus, string> = {
  PLANNED: 'gray',
  SCHEDULED: 'blue',
  IN_TRANSIT: 'violet',
  DELIVERED: 'green',
  CANCELLED: 'red',
};

export const TRANSPORT_TYPE_COLORS: Record<string, string> = {
  DELIVERY: 'cyan',
  PICKUP: 'grape',
  TRANSFER: 'indigo',
  RETURN: 'orange',
};

const ORDER: Record<string, number> = { PLANNED: 0, SCHEDULED: 1, IN_TRANSIT: 2, DELIVERED: 3 };

/**
 * How a move is worded: forward moves by their target (`moves.DELIVERED`), a step back as
 * “back to …” (`moves.back`), cancelling and planning a cancelled transport again by name.
 */
export function moveLabel(from: string, to: string): { key: string; back?: string } {
  if (to === 'CANCELLED' || from === 'CANCELLED') return { key: `moves.${to}` };
  if ((ORDER[to] ?? 0) < (ORDER[from] ?? 0)) return { key: 'moves.back', back: to };
  return { key: `moves.${to}` };
}

/**
 * Text colour of a light badge where the theme's own is too pale: green-9 on its light tint is
 * 4.0:1, WCAG AA asks 4.5:1 for the badges' small text.
 */
export function badgeText(color: string): string | undefined {
  return color === 'green' ? '#1f6b30' : undefined;
}
