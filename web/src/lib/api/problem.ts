// Errors from the API: RFC 9457 problem+json, turned into one error class the screens show.
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  /** For a spreadsheet import: the row as the user sees it (the header is row 1). */
  row?: number;
}

/** A record a 409 names (`records`): the tasks of a cycle, a full column, stale neighbours. */
export interface ConflictRecord {
  id: string;
  name?: string;
  status?: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  request_id?: string;
  code?: string;
  records?: ConflictRecord[];
}

export class ApiProblem extends Error {
  readonly status: number;
  /** Last path segment of the problem type: `validation`, `mfa-required`, `version-mismatch`… */
  readonly kind: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldProblem[];
  readonly requestId: string | undefined;
  /** A 409's rule: `dependency_cycle`, `unfinished_predecessors`, `done_depends_on_open`,
   *  `stale_neighbours`, `wip_limit`. */
  readonly code: string | undefined;
  /** The records a 409 is about, in the order the rule gives them. */
  readonly records: ConflictRecord[];
  /** Seconds to wait, from `Retry-After` (429). */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: unknown, retryAfter?: number) {
    const problem: ProblemBody = typeof body === 'object' && body !== null ? (body as ProblemBody) : {};
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.kind = problem.type?.split('/').pop() ?? (status === 0 ? 'network' : 'unknown');
    this.detail = problem.detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    this.requestId = problem.request_id;
    this.code = typeof problem.code === 'string' ? problem.code : undefined;
    this.records = Array.isArray(problem.records) ? problem.records : [];
    this.retryAfter = retryAfter;
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    let body: unknown = undefined;
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
    const retry = Number(response.headers.get('Retry-After'));
    return new ApiProblem(response.status, body, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
}

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}
