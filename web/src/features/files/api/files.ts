// Project documents: list, streamed upload with progress, rename/categorise, trash/restore,
// and content fetched with the session's token (previews and downloads).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { env } from '@/config/env';
import { api, authorizedFetch, ifMatch, unwrap } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { accessToken } from '@/lib/auth/session';
import { keys } from '@/lib/queries/keys';

export type StoredFile = components['schemas']['FileOut'];
export type UpdateFile = components['schemas']['UpdateFile'];

export const filesKey = (projectId: string) => keys.inProject(projectId, 'files');

export interface FileFilters {
  q: string;
  category: string | null;
  deleted: boolean;
}

export function useFiles(projectId: string, filters: FileFilters) {
  return useInfiniteQuery({
    queryKey: [...filesKey(projectId), filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/projects/{id}/files', {
          params: {
            path: { id: projectId },
            query: {
              q: filters.q || undefined,
              category: filters.category ?? undefined,
              deleted: filters.deleted || undefined,
              cursor: pageParam,
              limit: 50,
              sort: '-created_at',
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useUpdateFile(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, change }: { file: StoredFile; change: UpdateFile }) =>
      unwrap(api.PATCH('/api/v1/files/{id}', { params: { path: { id: file.id } }, headers: ifMatch(file.version), body: change })),
    onSettled: () => client.invalidateQueries({ queryKey: filesKey(projectId) }),
  });
}

export function useDeleteFile(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: StoredFile) =>
      unwrap(api.DELETE('/api/v1/files/{id}', { params: { path: { id: file.id } }, headers: ifMatch(file.version) })),
    onSuccess: () => client.invalidateQueries({ queryKey: filesKey(projectId) }),
  });
}

export function useRestoreFile(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: StoredFile) => unwrap(api.POST('/api/v1/files/{id}/restore', { params: { path: { id: file.id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: filesKey(projectId) }),
  });
}

export interface UploadHandle {
  promise: Promise<StoredFile[]>;
  abort: () => void;
}

/**
 * Uploads one file as multipart (`file` plus the shared fields), reporting progress. XHR,
 * because fetch cannot report upload progress; the server streams it to storage as it comes.
 */
export function uploadFile(
  projectId: string,
  file: File,
  fields: { category: string | null; shared_with_client: boolean },
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = (async () => {
    const token = await accessToken();
    const form = new FormData();
    if (fields.category) form.append('category', fields.category);
    form.append('shared_with_client', String(fields.shared_with_client));
    form.append('file', file, file.name);
    return new Promise<StoredFile[]>((resolve, reject) => {
      xhr.open('POST', `${env.apiBase}/projects/${projectId}/files`);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        let body: unknown = undefined;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve((body as { items: StoredFile[] }).items);
        } else {
          reject(new ApiProblem(xhr.status, body));
        }
      };
      xhr.onerror = () => reject(new ApiProblem(0, {}));
      xhr.onabort = () => reject(new ApiProblem(0, { detail: 'aborted' }));
      xhr.send(form);
    });
  })();
  return { promise, abort: () => xhr.abort() };
}

/**
 * A file's bytes (or its thumbnail) as a Blob. The cache keeps the Blob, never a `blob:` URL:
 * a component shows it through `useObjectUrl`, which revokes its URL when it unmounts, and a
 * dropped cache entry simply lets the Blob be garbage-collected.
 */
export function useFileBlob(file: StoredFile, variant: 'thumb' | 'full', enabled = true) {
  return useQuery({
    queryKey: ['file-content', file.id, file.sha256, variant],
    queryFn: async () => {
      const suffix = variant === 'thumb' ? '?variant=thumb' : '';
      const response = await authorizedFetch(`/files/${file.id}/content${suffix}`);
      return response.blob();
    },
    enabled,
    staleTime: Infinity,
    gcTime: variant === 'thumb' ? 10 * 60_000 : 60_000,
  });
}

/** Saves a file under its display name. */
export async function download(file: StoredFile) {
  const response = await authorizedFetch(`/files/${file.id}/content?download=true`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
