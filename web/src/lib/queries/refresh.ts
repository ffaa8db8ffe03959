// After a write inside a project: the part that changed and the project's summary (the
// overview shows costs, risks and next dates of every part) are fetched again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';

export function useProjectRefresh(projectId: string, part: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.inProject(projectId, part) }),
      client.invalidateQueries({ queryKey: keys.summary(projectId) }),
    ]);
}

/**
 * A write to one part of a project that refreshes it and the summary. A write to an existing
 * record (`existing`) refreshes even when refused: after a 412 (someone else changed it) the
 * next try then sends the current version.
 */
export function useProjectWrite<V, R>(projectId: string, part: string, write: (variables: V) => Promise<R>, existing = false) {
  const refresh = useProjectRefresh(projectId, part);
  return useMutation({ mutationFn: write, ...(existing ? { onSettled: refresh } : { onSuccess: refresh }) });
}
