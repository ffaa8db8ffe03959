import { ClientDetailPage } from './components/ClientDetailPage';
import { ClientsPage } from './components/ClientsPage';
import { SupplierDetailPage } from './components/SupplierDetailPage';
import { SuppliersPage } from './components/SuppliersPage';

export const suppliersRoute = { element: <SuppliersPage /> };
export const supplierRoute = { element: <SupplierDetailPage /> };
export const clientsRoute = { element: <ClientsPage /> };
export const clientRoute = { element: <ClientDetailPage /> };
