import { AdminPage } from './components/AdminPage';
import { AuditTab } from './components/AuditTab';
import { RolesTab } from './components/RolesTab';
import { UsersTab } from './components/UsersTab';

export const adminRoute = { element: <AdminPage /> };
export const adminUsersRoute = { element: <UsersTab /> };
export const adminRolesRoute = { element: <RolesTab /> };
export const adminAuditRoute = { element: <AuditTab /> };
