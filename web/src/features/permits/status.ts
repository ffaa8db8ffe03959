// The permit vocabulary (the server's statuses and `PERMIT_TYPES`, for filters and texts) and
// how the moves the server allows (GET /statuses) are offered.

export const PERMIT_STATUSES = ['PENDING', 'SUBMITTED', 'NEEDS_INFO', 'APPROVED', 'REJECTED'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

export const PERMIT_TYPES = [
  'ASSEMBLY',
  'FIRE_SAFETY',
  'NOISE',
  'ROAD_CLOSURE',
  'ALCOHOL',
  'TEMPORARY_STRUCTURE',
  'OTHER',
] as const;

/** A status move as a button offers it: the target and the wording (`permits:moves.*`). */
export interface PermitMove {
  to: string;
  label: string;
}

/**
 * The moves a permit in `status` may make, from the server's status machine (`next`, from
 * GET /statuses): going back to SUBMITTED after a request for information is a resubmission.
 */
export function permitMoves(status: string, next: readonly string[]): PermitMove[] {
  return next
    .filter((to) => to !== status)
    .map((to) => ({ to, label: to === 'SUBMITTED' && status === 'NEEDS_INFO' ? 'moves.RESUBMITTED' : `moves.${to}` }));
}

export const PERMIT_STATUS_COLORS: Record<PermitStatus, string> = {
  PENDING: 'gray',
  SUBMITTED: 'blue',
  NEEDS_INFO: 'yellow',
  APPROVED: 'green',
  REJECTED: 'red',
};

/** Colour of a risk: a rejection or a missing approval is red, an early expiry orange. */
export function riskColor(code: string | null | undefined): string {
  return code === 'EXPIRES_EARLY' ? 'orange' : 'red';
}

/** A filled badge's colour for a risk, dark enough for white text (WCAG AA). */
export function riskBadgeColor(code: string | null | undefined): string {
  return code === 'EXPIRES_EARLY' ? '#a63c06' : 'red.9';
}
