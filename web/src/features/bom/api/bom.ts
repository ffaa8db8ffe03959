// The bill of materials: the tree with rollups, line writes, spreadsheet import and export.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authorizedFetch, ifMatch, unwrap } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import type { BomNode } from '../tree';

export type CreateBomItem = components['schemas']['CreateBomItem'];
export type UpdateBomItem = components['schemas']['UpdateBomItem'];
export type ImportReport = components['schemas']['ImportReport'];
type BomTree = components['schemas']['BomTree'];

export const bomKey = (projectId: string) => keys.inProject(projectId, 'bom');

export function useBomTree(projectId: string) {
  return useQuery({
    queryKey: bomKey(projectId),
    queryFn: async () => {
      const listing = await unwrap(
        api.GET('/api/v1/projects/{id}/bom-items', { params: { path: { id: projectId }, query: { view: 'tree' } } }),
      );
      return listing as BomTree;
    },
  });
}

function useChanged(projectId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: bomKey(projectId) });
    void client.invalidateQueries({ queryKey: keys.summary(projectId) });
  };
}

export function useCreateItem(projectId: string) {
  const changed = useChanged(projectId);
  return useMutation({
    mutationFn: (input: CreateBomItem) =>
      unwrap(api.POST('/api/v1/projects/{id}/bom-items', { params: { path: { id: projectId } }, body: input })),
    onSuccess: changed,
  });
}

export function useUpdateItem(projectId: string) {
  const changed = useChanged(projectId);
  return useMutation({
    mutationFn: ({ item, change }: { item: Pick<BomNode, 'id' | 'version'>; change: UpdateBomItem }) =>
      unwrap(
        api.PATCH('/api/v1/bom-items/{id}', {
          params: { path: { id: item.id } },
          headers: ifMatch(item.version),
          body: change,
        }),
      ),
    onSettled: changed,
  });
}

export function useDeleteItem(projectId: string) {
  const changed = useChanged(projectId);
  return useMutation({
    mutationFn: ({ item, cascade }: { item: Pick<BomNode, 'id' | 'version'>; cascade: boolean }) =>
      unwrap(
        api.DELETE('/api/v1/bom-items/{id}', {
          params: { path: { id: item.id }, query: { cascade } },
          headers: ifMatch(item.version),
        }),
      ),
    onSuccess: changed,
  });
}

/** A spreadsheet import: `dryRun` checks every row and writes nothing. */
export async function importSheet(projectId: string, file: File, dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await authorizedFetch(`/projects/${projectId}/bom-items/import?dry_run=${dryRun}`, {
    method: 'POST',
    body: form,
  }).catch((error: unknown) => {
    throw error instanceof ApiProblem ? error : new ApiProblem(0, {});
  });
  return (await response.json()) as ImportReport;
}

export function useImport(projectId: string) {
  const changed = useChanged(projectId);
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => importSheet(projectId, file, dryRun),
    onSuccess: (report) => {
      if (!report.dry_run) changed();
    },
  });
}

/** Downloads the BOM as CSV or XLSX under the name the server gives it. */
export async function exportSheet(projectId: string, format: 'csv' | 'xlsx') {
  const response = await authorizedFetch(`/projects/${projectId}/bom-items/export?format=${format}`);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : `bom.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
