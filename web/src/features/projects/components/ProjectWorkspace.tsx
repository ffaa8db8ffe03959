import { Alert, Button, Group, Menu, Modal, ScrollArea, Stack, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { confirmDanger, notifyDone, outcome } from '@/components/ui/confirm';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PageHeader } from '@/components/ui/PageHeader';
import { QueryState } from '@/components/ui/QueryState';
import { ProjectStatusBadge } from '@/components/ui/StatusBadge';
import { formatDate } from '@/lib/format';
import { useProject } from '@/lib/queries/project';
import type { Project } from '@/lib/queries/types';
import { useTransition, useTrashProject, useUpdateProject } from '../api/projects';
import { ProjectForm, toBody, valuesOf } from './ProjectForm';
import '../i18n';

/** The tabs the app wires under a project (`overview` is the index route). */
export type WorkspaceTab = 'overview' | 'bom' | 'permits' | 'logistics' | 'tasks' | 'board' | 'files' | 'members';

/** A project's header (status actions, edit, trash) above its tabs; the tab is the child route. */
export function ProjectWorkspace({ tabs }: { tabs: WorkspaceTab[] }) {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  return (
    <QueryState query={project}>{(data) => <Workspace project={data} tabs={tabs} />}</QueryState>
  );
}

function Workspace({ project, tabs }: { project: Project; tabs: WorkspaceTab[] }) {
  const { t } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, editor] = useDisclosure(false);
  const transition = useTransition(project);
  const update = useUpdateProject(project);
  const trash = useTrashProject(project);
  const access = project.my_access;
  const base = `/projects/${project.id}`;
  const current = (tabs.find((tab) => tab !== 'overview' && location.pathname.startsWith(`${base}/${tab}`)) ??
    'overview') as WorkspaceTab;

  const move = (to: string) =>
    transition.mutate(
      to,
      outcome((next) => t('workspace.moved', { status: tc(`projectStatus.${next.status}`) })),
    );

  const confirmTrash = () =>
    confirmDanger({
      title: t('workspace.trash'),
      message: t('workspace.trashConfirm', { name: project.name }),
      onConfirm: () => trash.mutate(undefined, outcome(t('workspace.trashed'), () => void navigate('/projects'))),
    });

  const nextStatuses = access?.next_statuses ?? [];
  return (
    <>
      <PageHeader
        title={project.name}
        subtitle={
          <Group gap="xs" component="span">
            <ProjectStatusBadge status={project.status} />
            <span>
              {formatDate(project.start_date)} – {formatDate(project.end_date)}
              {project.venue ? ` · ${project.venue}` : ''}
            </span>
          </Group>
        }
        actions={
          <>
            {nextStatuses.length > 0 && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="light" rightSection={<IconChevronDown size={14} />} loading={transition.isPending}>
                    {t('workspace.moveTo')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {nextStatuses.map((status) => (
                    <Menu.Item
                      key={status}
                      color={status === 'CANCELLED' ? 'red' : undefined}
                      onClick={() => move(status)}
                    >
                      {t('workspace.moveToStatus', { status: tc(`projectStatus.${status}`) })}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            {access?.manage && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('workspace.actions')}>
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={16} />} onClick={editor.open}>
                    {tc('actions.edit')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={confirmTrash}>
                    {t('workspace.trash')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      {project.deleted_at && (
        <Alert color="yellow" mb="md">
          {t('workspace.inTrash')}
        </Alert>
      )}
      <Tabs
        value={current}
        onChange={(tab) => tab && void navigate(tab === 'overview' ? base : `${base}/${tab}`)}
        keepMounted={false}
        mb="md"
      >
        <ScrollArea type="never" offsetScrollbars={false}>
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {tabs.map((tab) => (
              <Tabs.Tab key={tab} value={tab}>
                {t(`workspace.tabs.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
        {/* Only the active tab's panel is mounted: it holds the child route. */}
        {tabs.map((tab) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            <Stack gap="md">
              <Outlet context={project} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      <Modal opened={editing} onClose={editor.close} title={t('form.editTitle')} size="lg">
        {update.isError && !editing && <ErrorAlert error={update.error} />}
        <ProjectForm
          initial={valuesOf(project)}
          showBudget={access?.sees_costs ?? false}
          submitLabel={tc('actions.save')}
          onCancel={editor.close}
          onSubmit={async (values) => {
            await update.mutateAsync(toBody(values, access?.sees_costs ?? false));
            editor.close();
            notifyDone(tc('states.saved'));
          }}
        />
      </Modal>
    </>
  );
}
