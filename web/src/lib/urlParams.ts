// Filters, sorting and views kept in the URL's query, so that a list can be bookmarked and
// shared: every change replaces the history entry (typing in a search field adds none).
import { useSearchParams } from 'react-router-dom';

/** `params` with each key of `changes` set to its value, or removed when the value is empty. */
export function withParams(params: URLSearchParams, changes: Record<string, string | null | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** Only the `keep` entries of `params` (what "clear filters" leaves: the view, the trash). */
export function keepParams(params: URLSearchParams, keep: readonly string[]): URLSearchParams {
  const next = new URLSearchParams();
  for (const key of keep) {
    const value = params.get(key);
    if (value) next.set(key, value);
  }
  return next;
}

/** A comma-separated list parameter as its values (`status=TODO,DONE`). */
export function listParam(value: string | null): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  return {
    params,
    /** The parameter's value, or `fallback` when it is absent. */
    get: (key: string, fallback = '') => params.get(key) ?? fallback,
    set: (key: string, value: string | null | undefined) => setParams(withParams(params, { [key]: value }), { replace: true }),
    /** Several parameters at once (a choice and its label). */
    update: (changes: Record<string, string | null | undefined>) => setParams(withParams(params, changes), { replace: true }),
    /** Drops every parameter but `keep`. */
    clear: (keep: readonly string[] = []) => setParams(keepParams(params, keep), { replace: true }),
  };
}

export type UrlParams = ReturnType<typeof useUrlParams>;
