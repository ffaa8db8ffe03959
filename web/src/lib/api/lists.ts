// Lists the API hands out in pages: `{ items, next_cursor, total }`.
import { useInfiniteQuery } from '@tanstack/react-query';

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number | null;
}

/** A list filter as the API's query wants it: `a,b`, or absent when nothing is chosen. */
export function listQuery(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

/**
 * Every item of a list, page after page. For lists that are short by nature (a project's
 * permits or transports); `maxPages` is a safety stop, not a limit anyone should reach.
 */
export async function fetchAllPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages = 25): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i += 1) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

/** A list that loads page after page ("load more"); `fetchPage` asks for the page after `cursor`. */
export function usePagedQuery<P extends Page<unknown>>(queryKey: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<P>) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** The items of an infinite query's pages loaded so far, and the total its first page names. */
export function pagedItems<T>(data: { pages: Page<T>[] } | undefined): { items: T[]; total: number | undefined } {
  return { items: data?.pages.flatMap((page) => page.items) ?? [], total: data?.pages[0]?.total ?? undefined };
}

/** Whether an infinite query found nothing at all. */
export function noItems(data: { pages: Page<unknown>[] }): boolean {
  return data.pages.every((page) => page.items.length === 0);
}
