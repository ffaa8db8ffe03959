// Suppliers: the filtered list with paging, one supplier, create, update, trash and restore.
// Every write refreshes everything under `suppliers` (the pickers of other screens included).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { usePagedQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import { useSuppliers } from '@/lib/queries/project';
import type { Supplier } from '@/lib/queries/types';

export type CreateSupplier = components['schemas']['CreateSupplier'];
export type UpdateSupplier = components['schemas']['UpdateSupplier'];

export interface SupplierFilters {
  q?: string;
  category?: string;
  is_active?: boolean;
  rating_gte?: string;
  sort?: string;
  deleted?: boolean;
}

export const supplierKey = (id: string) => [...keys.suppliers, 'one', id] as const;

export function useSupplierList(filters: SupplierFilters) {
  return usePagedQuery([...keys.suppliers, 'list', filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/suppliers', {
        params: {
          query: {
            q: filters.q || undefined,
            category: filters.category || undefined,
            is_active: filters.is_active,
            rating_gte: filters.rating_gte || undefined,
            sort: filters.sort || undefined,
            deleted: filters.deleted || undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
}

export function useSupplier(id: string) {
  return useQuery({
    queryKey: supplierKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/suppliers/{id}', { params: { path: { id } } })),
  });
}

export function useCreateSupplier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSupplier) => unwrap(api.POST('/api/v1/suppliers', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.suppliers }),
  });
}

export function useUpdateSupplier(supplier: Supplier) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSupplier) =>
      unwrap(
        api.PATCH('/api/v1/suppliers/{id}', {
          params: { path: { id: supplier.id } },
          headers: ifMatch(supplier.version),
          body: input,
        }),
      ),
    onSuccess: (next) => {
      client.setQueryData(supplierKey(next.id), next);
      void client.invalidateQueries({ queryKey: keys.suppliers });
    },
  });
}

export function useTrashSupplier(supplier: Supplier) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/suppliers/{id}', {
          params: { path: { id: supplier.id } },
          headers: ifMatch(supplier.version),
        }),
      ),
    onSuccess: () => {
      client.removeQueries({ queryKey: supplierKey(supplier.id) });
      void client.invalidateQueries({ queryKey: keys.suppliers });
    },
  });
}

export function useRestoreSupplier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/suppliers/{id}/restore', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.suppliers }),
  });
}

/** The categories in use, sorted, for the filter and for suggestions while typing one. */
export function useSupplierCategories(enabled = true): string[] {
  const { i18n } = useTranslation();
  const all = useSuppliers(enabled);
  return useMemo(
    () =>
      [...new Set((all.data?.items ?? []).map((s) => s.category?.trim()).filter((c): c is string => !!c))].sort((a, b) =>
        a.localeCompare(b, i18n.language),
      ),
    [all.data, i18n.language],
  );
}
