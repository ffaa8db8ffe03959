import { DashboardPage } from './components/DashboardPage';

export const dashboardRoute = { element: <DashboardPage /> };
