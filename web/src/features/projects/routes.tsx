import { MembersTab } from './components/MembersTab';
import { OverviewTab } from './components/OverviewTab';
import { ProjectsPage } from './components/ProjectsPage';
import { ProjectWorkspace, type WorkspaceTab } from './components/ProjectWorkspace';

export type { WorkspaceTab };
export const projectsRoute = { element: <ProjectsPage /> };
export const workspaceRoute = (tabs: WorkspaceTab[]) => ({ element: <ProjectWorkspace tabs={tabs} /> });
export const overviewRoute = { element: <OverviewTab /> };
export const membersRoute = { element: <MembersTab /> };
