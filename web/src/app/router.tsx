// Every screen of the app. Screens are loaded when first visited (code splitting keeps the
// first page small); a feature exports its routes from `features/<name>/routes.tsx`, and
// only this file wires features together (a project's tabs come from several features).
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { WorkspaceTab } from '@/features/projects/routes';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { AppLayout } from './layout/AppLayout';

const projects = () => import('@/features/projects/routes');

/** The tabs of a project, in the order they are shown; each is a child route below. */
const WORKSPACE_TABS: WorkspaceTab[] = ['overview', 'members'];

const workspaceTabs: RouteObject[] = [
  { index: true, lazy: () => projects().then((m) => m.overviewRoute) },
  { path: 'members', lazy: () => projects().then((m) => m.membersRoute) },
];

const signedIn: RouteObject[] = [
  { index: true, lazy: () => import('@/features/dashboard/routes').then((m) => m.dashboardRoute) },
  { path: 'projects', lazy: () => projects().then((m) => m.projectsRoute) },
  {
    path: 'projects/:projectId',
    lazy: () => projects().then((m) => m.workspaceRoute(WORKSPACE_TABS)),
    children: workspaceTabs,
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
