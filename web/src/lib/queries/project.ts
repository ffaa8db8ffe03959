// Queries several features need: the project with the caller's abilities in it, its members
// (assignee and member pickers), and the company's clients and suppliers (pickers, names).
import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router-dom';
import { api, unwrap } from '@/lib/api/client';
import { keys } from './keys';
import type { Project } from './types';

export function useProject(id: string) {
  return useQuery({
    queryKey: keys.project(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  });
}

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: keys.members(projectId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{id}/members', { params: { path: { id: projectId } } })),
  });
}

/** `queryFn` of a project's summary, for screens that list several (useQueries). */
export function summaryQuery(projectId: string) {
  return {
    queryKey: keys.summary(projectId),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/summary', { params: { path: { id: projectId } } })),
  };
}

/** A project's summary (costs, risks, transports, progress); one cache entry every tab shares. */
export function useProjectSummary(projectId: string) {
  return useQuery(summaryQuery(projectId));
}

/** All active clients, for pickers and for showing names next to ids (a company has dozens). */
export function useClients(enabled = true) {
  return useQuery({
    queryKey: [...keys.clients, 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/clients', { params: { query: { limit: 200, sort: 'name' } } })),
    enabled,
    staleTime: 60_000,
  });
}

export function useSuppliers(enabled = true) {
  return useQuery({
    queryKey: [...keys.suppliers, 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/suppliers', { params: { query: { limit: 200, sort: 'name' } } })),
    enabled,
    staleTime: 60_000,
  });
}

/** Inside a project's tab: the project the workspace loaded (with the caller's abilities). */
export function useWorkspaceProject(): Project {
  return useOutletContext<Project>();
}
