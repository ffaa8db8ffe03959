import { Button, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { confirmDanger, notifyDone, notifyFailed, outcome } from '@/components/ui/confirm';
import { QueryState } from '@/components/ui/QueryState';
import { formatMoney } from '@/lib/format';
import { useCan } from '@/lib/queries/me';
import { useSuppliers, useWorkspaceProject } from '@/lib/queries/project';
import { useStatuses } from '@/lib/queries/statuses';
import { bomKey, exportSheet, useBomTree, useCreateItem, useDeleteItem, useUpdateItem } from '../api/bom';
import { descendantCount, isFiltering, isInSubtree, parentIds, visibleRows, withEdit, type BomNode, type Filter } from '../tree';
import { BomTreeGrid, type GridActions } from './BomTreeGrid';
import { ImportDialog } from './ImportDialog';
import { ItemForm } from './ItemForm';
import { Subtotals } from './Subtotals';
import '../i18n';

type BomTree = NonNullable<ReturnType<typeof useBomTree>['data']>;

function collect(roots: BomNode[], pick: (node: BomNode) => string | null | undefined): string[] {
  const seen = new Set<string>();
  const walk = (nodes: BomNode[]) => {
    for (const node of nodes) {
      const value = pick(node);
      if (value) seen.add(value);
      walk(node.children);
    }
  };
  walk(roots);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

function findNode(roots: BomNode[], id: string): BomNode | undefined {
  for (const node of roots) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}

/** The project's bill of materials: the tree with live rollups, filters, import and export. */
export function BomTab() {
  const project = useWorkspaceProject();
  const tree = useBomTree(project.id);
  return (
    <QueryState query={tree}>
      {(data) => <Bom projectId={project.id} tree={data} canWrite={project.my_access?.write ?? false} showPrices={data.total !== undefined && data.total !== null} />}
    </QueryState>
  );
}

function Bom({ projectId, tree, canWrite, showPrices }: { projectId: string; tree: BomTree; canWrite: boolean; showPrices: boolean }) {
  const { t } = useTranslation('bom');
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const focusId = params.get('focus');
  const seesSuppliers = useCan('suppliers:read');
  const suppliers = useSuppliers(seesSuppliers);
  const statuses = useStatuses('bom_item');
  const create = useCreateItem(projectId);
  const update = useUpdateItem(projectId);
  const remove = useDeleteItem(projectId);
  const roots = tree.items;

  // Open the path to a line that search pointed at.
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const open = new Set<string>();
    const walk = (nodes: BomNode[], path: string[]): boolean =>
      nodes.some((node) => {
        if (node.id === focusId) {
          path.forEach((id) => open.add(id));
          return true;
        }
        return walk(node.children, [...path, node.id]);
      });
    if (focusId) walk(roots, []);
    return open;
  });
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 150);
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ parent: BomNode | null } | null>(null);
  const [moving, setMoving] = useState<BomNode | null>(null);
  const [importing, setImporting] = useState(false);

  const filter: Filter = { text: debounced, category, status, supplierId };
  const rows = useMemo(
    () => visibleRows(roots, expanded, { text: debounced, category, status, supplierId }),
    [roots, expanded, debounced, category, status, supplierId],
  );
  const categories = useMemo(() => collect(roots, (n) => n.category), [roots]);
  const supplierOptions = useMemo(
    () => (suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    [suppliers.data],
  );

  const { mutate: updateItem } = update;
  const save = useCallback((node: BomNode, change: Partial<BomNode>) => {
    // Instant feedback: totals and rollups follow at once; the server's answer replaces them.
    const key = bomKey(projectId);
    const before = client.getQueryData<BomTree>(key);
    if (before) client.setQueryData<BomTree>(key, { ...before, items: withEdit(before.items, node.id, change) });
    updateItem(
      { item: node, change },
      {
        // The refetch that follows every save (settled) puts the server's state back.
        onError: (error) => notifyFailed(error, 8000),
      },
    );
  }, [client, projectId, updateItem]);

  const reparent = useCallback((id: string, parent: string | null) => {
    const node = findNode(roots, id);
    if (!node || node.parent_id === parent) return;
    if (parent && isInSubtree(roots, id, parent)) {
      notifications.show({ message: t('cannotMoveInside'), color: 'red' });
      return;
    }
    updateItem(
      { item: node, change: { parent_id: parent } },
      {
        onSuccess: () => {
          if (parent) setExpanded((open) => new Set(open).add(parent));
          notifyDone(t('moved'));
        },
        onError: (error) => notifyFailed(error),
      },
    );
  }, [roots, updateItem, t]);

  const { mutate: removeItem } = remove;
  const confirmDelete = useCallback((node: BomNode) => {
    const count = descendantCount(node);
    confirmDanger({
      title: t('delete'),
      message: count > 0 ? t('deleteWithChildren', { name: node.name, count }) : t('deleteConfirm', { name: node.name }),
      onConfirm: () =>
        removeItem(
          { item: node, cascade: count > 0 },
          outcome(t('deleted')),
        ),
    });
  }, [removeItem, t]);

  // Stable, so that memoized rows are not redrawn on every render of the tab.
  const actions: GridActions = useMemo(
    () => ({
      toggle: (id) =>
        setExpanded((open) => {
          const next = new Set(open);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        }),
      edit: save,
      addChild: (node) => setAdding({ parent: node }),
      move: setMoving,
      remove: confirmDelete,
      drop: reparent,
    }),
    [save, confirmDelete, reparent],
  );

  const moveTargets = moving
    ? [
        { value: '', label: t('topLevel') },
        ...visibleRows(roots, new Set(parentIds(roots)))
          .filter((row) => !isInSubtree(roots, moving.id, row.node.id))
          .map((row) => ({ value: row.node.id, label: `${'· '.repeat(row.depth - 1)}${row.node.name}` })),
      ]
    : [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('filters.search')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            type="search"
            w={{ base: '100%', xs: 200 }}
          />
          <Select label={t('filters.category')} data={categories} value={category} onChange={setCategory} clearable searchable w={{ base: '100%', xs: 160 }} />
          <Select
            label={t('filters.status')}
            data={statuses.all.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={status}
            onChange={setStatus}
            clearable
            w={{ base: '100%', xs: 150 }}
          />
          {seesSuppliers && (
            <Select label={t('filters.supplier')} data={supplierOptions} value={supplierId} onChange={setSupplierId} clearable searchable w={{ base: '100%', xs: 180 }} />
          )}
        </Group>
        <Group gap="xs">
          {canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding({ parent: null })}>
              {t('add')}
            </Button>
          )}
          {canWrite && (
            <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImporting(true)}>
              {t('import.button')}
            </Button>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />}>
                {t('export.button')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['csv', 'xlsx'] as const).map((format) => (
                <Menu.Item
                  key={format}
                  onClick={() =>
                    void exportSheet(projectId, format).catch((error: unknown) =>
                      notifyFailed(error),
                    )
                  }
                >
                  {t(`export.${format}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {isFiltering(filter) ? t('filters.showing', { count: rows.filter((r) => !r.context).length }) : t('items', { count: tree.count })}
          {showPrices && ` · ${t('total')}: ${formatMoney(tree.total, tree.currency)}`}
        </Text>
        {!isFiltering(filter) && tree.count > 0 && (
          <Group gap={4}>
            <Button size="compact-sm" variant="subtle" onClick={() => setExpanded(new Set(parentIds(roots)))}>
              {t('expandAll')}
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => setExpanded(new Set())}>
              {t('collapseAll')}
            </Button>
          </Group>
        )}
      </Group>
      {tree.count === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t('empty')}
        </Text>
      ) : rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {tc('states.noMatches')}
        </Text>
      ) : (
        <BomTreeGrid
          rows={rows}
          showPrices={showPrices}
          canWrite={canWrite}
          currency={tree.currency}
          suppliers={supplierOptions}
          nextStatuses={statuses.next}
          actions={actions}
          focusId={focusId}
        />
      )}
      {tree.count > 0 && <Subtotals projectId={projectId} showPrices={showPrices} currency={tree.currency} />}
      <Modal
        opened={adding !== null}
        onClose={() => setAdding(null)}
        title={adding?.parent ? t('addChildOf', { name: adding.parent.name }) : t('add')}
        size="lg"
      >
        {adding && (
          <ItemForm
            parentId={adding.parent?.id ?? null}
            showPrices={showPrices}
            categories={categories}
            suppliers={supplierOptions}
            onCancel={() => setAdding(null)}
            onSubmit={async (input) => {
              const item = await create.mutateAsync(input);
              if (adding.parent) setExpanded((open) => new Set(open).add(adding.parent?.id ?? ''));
              setAdding(null);
              notifyDone(t('form.created', { name: item.name }));
            }}
          />
        )}
      </Modal>
      <Modal opened={moving !== null} onClose={() => setMoving(null)} title={moving ? t('moveTitle', { name: moving.name }) : ''}>
        {moving && (
          <Stack>
            <Select
              label={t('newParent')}
              data={moveTargets}
              defaultValue={moving.parent_id ?? ''}
              searchable
              data-autofocus
              onChange={(value) => {
                if (value === null) return;
                reparent(moving.id, value === '' ? null : value);
                setMoving(null);
              }}
            />
          </Stack>
        )}
      </Modal>
      <Modal opened={importing} onClose={() => setImporting(false)} title={t('import.title')} size="lg">
        {importing && <ImportDialog projectId={projectId} currency={tree.currency} onDone={() => setImporting(false)} />}
      </Modal>
    </Stack>
  );
}
