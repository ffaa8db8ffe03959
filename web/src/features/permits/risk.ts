// Why a permit endangers the event, as a translatable sentence: the API gives a stable code
// (and an English sentence); the facts behind it come from the permit and the project.
import { daysBetween } from '@/lib/days';

export interface RiskSentence {
  /** Key under `permits:riskText`. */
  key: string;
  values: Record<string, string | number>;
}

interface Facts {
  risk_code?: string | null;
  expiry_date?: string | null;
}

interface Dates {
  start_date: string;
  end_date: string;
}

/** The sentence for a permit's risk code, or `null` for a permit without (known) risk. */
export function riskSentence(permit: Facts, project: Dates, today: string): RiskSentence | null {
  switch (permit.risk_code) {
    case 'REJECTED':
      return { key: 'REJECTED', values: {} };
    case 'NOT_APPROVED': {
      const left = daysBetween(today, project.start_date);
      if (left < 0) return { key: 'NOT_APPROVED_started', values: {} };
      if (left === 0) return { key: 'NOT_APPROVED_today', values: {} };
      return { key: 'NOT_APPROVED', values: { count: left } };
    }
    case 'EXPIRES_EARLY':
      return { key: 'EXPIRES_EARLY', values: { expiry: permit.expiry_date ?? '', end: project.end_date } };
    default:
      return null;
  }
}
