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

/** The dates a status move stamps, as the body of the move: the field the move fills in. */
export interface StampedDates {
  application_date?: string;
  approval_date?: string;
}

/**
 * The date fields a move to `to` fills in, with the user's own `day` (their calendar, not the
 * server's UTC one): submitting stamps the application date, approving the approval date, each
 * only while it is still empty — as the server would, but with the day the user lives in.
 */
export function stampedDates(
  permit: { application_date?: string | null; approval_date?: string | null },
  to: string,
  day: string,
): StampedDates {
  if (to === 'SUBMITTED' && !permit.application_date) return { application_date: day };
  if (to === 'APPROVED' && !permit.approval_date) return { approval_date: day };
  return {};
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
