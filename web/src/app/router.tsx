// Every screen of the app. Screens are loaded when first visited (code splitting keeps the
// first page small); a feature exports its routes from `features/<name>/routes.tsx`, and
// only this file wires features together (a project's tabs come from several features).
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { WorkspaceTab } from '@/features/projects/routes';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { AppLayout } from './layout/AppLayout';

const projects = () => import('@/features/projects/routes');
const directory = () => import('@/features/directory/routes');
const admin = () => import('@/features/admin/routes');

/** The tabs of a project, in the order they are shown; each is a child route below. */
const WORKSPACE_TABS: WorkspaceTab[] = ['overview', 'bom', 'permits', 'logistics', 'tasks', 'board', 'files', 'members'];

const workspaceTabs: RouteObject[] = [
  { index: true, lazy: () => projects().then((m) => m.overviewRoute) },
  { path: 'bom', lazy: () => import('@/features/bom/routes').then((m) => m.bomRoute) },
  { path: 'permits', lazy: () => import('@/features/permits/routes').then((m) => m.permitsRoute) },
  { path: 'logistics', lazy: () => import('@/features/logistics/routes').then((m) => m.logisticsRoute) },
  { path: 'tasks', lazy: () => import('@/features/tasks/routes').then((m) => m.tasksRoute) },
  { path: 'board', lazy: () => import('@/features/board/routes').then((m) => m.boardRoute) },
  { path: 'files', lazy: () => import('@/features/files/routes').then((m) => m.filesRoute) },
  { path: 'members', lazy: () => projects().then((m) => m.membersRoute) },
];

const signedIn: RouteObject[] = [
  { index: true, lazy: () => import('@/features/dashboard/routes').then((m) => m.dashboardRoute) },
  { path: 'projects', lazy: () => projects().then((m) => m.projectsRoute) },
  { path: 'my-tasks', lazy: () => import('@/features/tasks/routes').then((m) => m.myTasksRoute) },
  {
    path: 'projects/:projectId',
    lazy: () => projects().then((m) => m.workspaceRoute(WORKSPACE_TABS)),
    children: workspaceTabs,
  },
  { path: 'suppliers', lazy: () => directory().then((m) => m.suppliersRoute) },
  { path: 'suppliers/:supplierId', lazy: () => directory().then((m) => m.supplierRoute) },
  { path: 'clients', lazy: () => directory().then((m) => m.clientsRoute) },
  { path: 'clients/:clientId', lazy: () => directory().then((m) => m.clientRoute) },
  { path: 'account', lazy: () => import('@/features/account/routes').then((m) => m.accountRoute) },
  {
    path: 'admin',
    lazy: () => admin().then((m) => m.adminRoute),
    children: [
      { index: true, lazy: () => admin().then((m) => m.adminUsersRoute) },
      { path: 'roles', lazy: () => admin().then((m) => m.adminRolesRoute) },
      { path: 'audit', lazy: () => admin().then((m) => m.adminAuditRoute) },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

export const router = createBrowserRouter([
  { path: '/login', lazy: () => import('@/features/auth/routes').then((m) => m.loginRoute) },
  { path: '/reset-password', lazy: () => import('@/features/auth/routes').then((m) => m.resetRoute) },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: signedIn,
  },
]);
