import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Image,
  Menu,
  Modal,
  Progress,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconDownload, IconFile, IconSearch, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/ui/QueryState';
import { errorMessage } from '@/lib/errors';
import { formatBytes, formatDateTime } from '@/lib/format';
import { useWorkspaceProject } from '@/lib/queries/project';
import { keys } from '@/lib/queries/keys';
import {
  download,
  filesKey,
  uploadFile,
  useDeleteFile,
  useFileBlob,
  useFiles,
  useRestoreFile,
  useUpdateFile,
  type StoredFile,
} from '../api/files';
import { useObjectUrl } from '../objectUrls';
import '../i18n';

const CATEGORIES = ['plans', 'contracts', 'permits', 'photos', 'invoices', 'other'] as const;

interface Transfer {
  id: number;
  name: string;
  size: number;
  progress: number;
  error: string | null;
  abort: () => void;
}

let nextTransfer = 0;

function previewable(file: StoredFile): 'image' | 'pdf' | null {
  if (file.mime_type.startsWith('image/') && file.mime_type !== 'image/svg+xml') return 'image';
  if (file.mime_type === 'application/pdf') return 'pdf';
  return null;
}

/** The project's documents: drop several files, watch them upload, preview, rename, sort. */
export function FilesTab() {
  const { t } = useTranslation('files');
  const { t: tc } = useTranslation();
  const project = useWorkspaceProject();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const canWrite = project.my_access?.write ?? false;
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 200);
  const [category, setCategory] = useState<string | null>(null);
  const [trash, setTrash] = useState(false);
  const [uploadCategory, setUploadCategory] = useState<string | null>(null);
  const [shared, setShared] = useState(false);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [previewing, setPreviewing] = useState<StoredFile | null>(null);
  const [renaming, setRenaming] = useState<StoredFile | null>(null);
  const files = useFiles(project.id, { q: debouncedQ, category, deleted: trash });
  const update = useUpdateFile(project.id);
  const remove = useDeleteFile(project.id);
  const restore = useRestoreFile(project.id);
  const focus = params.get('focus');
  const label = (value: string | null | undefined) =>
    value ? t(`categories.${value}`, { defaultValue: value }) : '–';
  const categoryOptions = CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }));

  const start = (dropped: File[]) => {
    for (const file of dropped) {
      const id = (nextTransfer += 1);
      const handle = uploadFile(project.id, file, { category: uploadCategory, shared_with_client: shared }, (progress) =>
        setTransfers((all) => all.map((tr) => (tr.id === id ? { ...tr, progress } : tr))),
      );
      setTransfers((all) => [...all, { id, name: file.name, size: file.size, progress: 0, error: null, abort: handle.abort }]);
      handle.promise
        .then(() => {
          setTransfers((all) => all.filter((tr) => tr.id !== id));
          notifications.show({ message: t('uploaded', { name: file.name }), color: 'green' });
          void client.invalidateQueries({ queryKey: filesKey(project.id) });
          void client.invalidateQueries({ queryKey: keys.summary(project.id) });
        })
        .catch((error: unknown) => {
          setTransfers((all) => all.map((tr) => (tr.id === id ? { ...tr, error: errorMessage(error, tc) } : tr)));
        });
    }
  };

  const confirmDelete = (file: StoredFile) =>
    modals.openConfirmModal({
      title: t('delete'),
      children: <Text size="sm">{t('deleteConfirm', { name: file.name })}</Text>,
      labels: { confirm: t('delete'), cancel: tc('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(file, {
          onSuccess: () => notifications.show({ message: t('deleted'), color: 'green' }),
          onError: (error) => notifications.show({ message: errorMessage(error, tc), color: 'red' }),
        }),
    });

  const items = files.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      {canWrite && !trash && (
        <Stack gap="xs">
          <Dropzone onDrop={start} multiple aria-label={t('drop')} inputProps={{ 'aria-label': t('drop') }} data-testid="file-dropzone">
            <Group justify="center" gap="md" mih={90} style={{ pointerEvents: 'none' }}>
              <IconUpload size={32} aria-hidden />
              <div>
                <Text size="md" fw={500}>
                  {t('drop')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('dropHint')}
                </Text>
              </div>
            </Group>
          </Dropzone>
          <Group gap="md" align="flex-end">
            <Select
              label={t('categoryForUpload')}
              data={categoryOptions}
              value={uploadCategory}
              onChange={setUploadCategory}
              clearable
              w={{ base: '100%', xs: 220 }}
            />
            <Checkbox label={t('shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} mb={8} />
          </Group>
          {transfers.map((transfer) => (
            <Stack key={transfer.id} gap={2} data-testid="upload-progress">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate>
                  {transfer.error ? t('failed', { name: transfer.name, reason: transfer.error }) : transfer.name}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {Math.round(transfer.progress * 100)} % · {formatBytes(transfer.size)}
                  </Text>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={`${t('cancel')}: ${transfer.name}`}
                    onClick={() => {
                      transfer.abort();
                      setTransfers((all) => all.filter((tr) => tr.id !== transfer.id));
                    }}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Group>
              </Group>
              <Progress
                value={transfer.progress * 100}
                color={transfer.error ? 'red' : 'blue'}
                aria-label={`${t('uploading')}: ${transfer.name}`}
                animated={!transfer.error && transfer.progress < 1}
              />
            </Stack>
          ))}
        </Stack>
      )}
      <Group gap="sm" align="flex-end">
        <TextInput
          label={t('search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          w={{ base: '100%', xs: 220 }}
        />
        <Select label={t('category')} data={categoryOptions} value={category} onChange={setCategory} clearable w={{ base: '100%', xs: 180 }} />
        <Switch label={t('trash')} checked={trash} onChange={(e) => setTrash(e.currentTarget.checked)} mb={8} />
      </Group>
      <QueryState
        query={files}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Text c="dimmed">{trash ? t('emptyTrash') : debouncedQ || category ? tc('states.noMatches') : t('empty')}</Text>}
      >
        {() => (
          <Stack gap="xs">
            <div className="table-scroll">
              <Table miw={620} aria-label={t('title')} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={64}>{t('columns.preview')}</Table.Th>
                    <Table.Th>{t('columns.name')}</Table.Th>
                    <Table.Th>{t('columns.category')}</Table.Th>
                    <Table.Th ta="right">{t('columns.size')}</Table.Th>
                    <Table.Th>{t('columns.uploaded')}</Table.Th>
                    <Table.Th w={90}>
                      <span className="visually-hidden">{t('columns.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((file) => (
                    <Table.Tr key={file.id} data-testid="file-row" bg={file.id === focus ? 'yellow.0' : undefined}>
                      <Table.Td>
                        <Thumbnail file={file} onOpen={() => setPreviewing(file)} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {file.name}
                        </Text>
                        {file.shared_with_client && (
                          <Badge size="xs" variant="light" color="teal">
                            {t('sharedBadge')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{label(file.category)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatBytes(file.size_bytes)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(file.created_at)}</Table.Td>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap" justify="flex-end">
                          {!trash && (
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('download', { name: file.name })}
                              onClick={() =>
                                void download(file).catch((error: unknown) =>
                                  notifications.show({ message: errorMessage(error, tc), color: 'red' }),
                                )
                              }
                            >
                              <IconDownload size={16} />
                            </ActionIcon>
                          )}
                          {canWrite && (
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon variant="subtle" color="gray" aria-label={`${t('columns.actions')}: ${file.name}`}>
                                  <IconDots size={16} />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                {trash ? (
                                  <Menu.Item onClick={() => restore.mutate(file)}>{t('restore')}</Menu.Item>
                                ) : (
                                  <>
                                    <Menu.Item onClick={() => setRenaming(file)}>{t('edit')}</Menu.Item>
                                    <Menu.Item
                                      onClick={() =>
                                        update.mutate({ file, change: { shared_with_client: !file.shared_with_client } })
                                      }
                                    >
                                      {t('shared')}: {file.shared_with_client ? '✓' : '–'}
                                    </Menu.Item>
                                    <Menu.Item color="red" onClick={() => confirmDelete(file)}>
                                      {t('delete')}
                                    </Menu.Item>
                                  </>
                                )}
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {files.hasNextPage && (
              <Button variant="default" onClick={() => void files.fetchNextPage()} loading={files.isFetchingNextPage}>
                {tc('actions.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </QueryState>
      <Modal opened={previewing !== null} onClose={() => setPreviewing(null)} title={previewing?.name} size="xl">
        {previewing && <Preview file={previewing} />}
      </Modal>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title={t('edit')}>
        {renaming && (
          <EditFile
            file={renaming}
            categories={categoryOptions}
            onCancel={() => setRenaming(null)}
            onSave={async (change) => {
              await update.mutateAsync({ file: renaming, change });
              setRenaming(null);
              notifications.show({ message: tc('states.saved'), color: 'green' });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function Thumbnail({ file, onOpen }: { file: StoredFile; onOpen: () => void }) {
  const { t } = useTranslation('files');
  const thumb = useFileBlob(file, 'thumb', file.has_thumbnail && !file.deleted_at);
  const url = useObjectUrl(thumb.data);
  const kind = previewable(file);
  const content = url ? (
    <Image src={url} alt="" w={48} h={48} fit="cover" radius="sm" />
  ) : (
    <IconFile size={28} aria-hidden />
  );
  if (!kind || file.deleted_at) return <span aria-hidden>{content}</span>;
  return (
    <ActionIcon variant="transparent" size={48} onClick={onOpen} aria-label={t('preview', { name: file.name })}>
      {content}
    </ActionIcon>
  );
}

function Preview({ file }: { file: StoredFile }) {
  const { t } = useTranslation('files');
  const kind = previewable(file);
  const content = useFileBlob(file, 'full', kind !== null);
  if (!kind) return <Text>{t('noPreview')}</Text>;
  return <QueryState query={content}>{(blob) => <PreviewContent file={file} blob={blob} kind={kind} />}</QueryState>;
}

function PreviewContent({ file, blob, kind }: { file: StoredFile; blob: Blob; kind: 'image' | 'pdf' }) {
  const { t } = useTranslation('files');
  const url = useObjectUrl(blob);
  if (!url) return null;
  return kind === 'image' ? (
    <Image src={url} alt={file.name} fit="contain" mah="75vh" />
  ) : (
    <iframe src={url} title={t('preview', { name: file.name })} style={{ width: '100%', height: '75vh', border: 0 }} />
  );
}

function EditFile({
  file,
  categories,
  onSave,
  onCancel,
}: {
  file: StoredFile;
  categories: { value: string; label: string }[];
  onSave: (change: { name: string; category: string | null }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('files');
  const { t: tc } = useTranslation();
  const [name, setName] = useState(file.name);
  const [category, setCategory] = useState<string | null>(file.category ?? null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        setError(null);
        onSave({ name: name.trim(), category })
          .catch((problem: unknown) => setError(errorMessage(problem, tc)))
          .finally(() => setSaving(false));
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('renameLabel', { name: file.name })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          required
          data-autofocus
        />
        <Select label={t('category')} data={categories} value={category} onChange={setCategory} clearable />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {tc('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving} disabled={name.trim() === ''}>
            {tc('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
