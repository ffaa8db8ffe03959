import { AccountPage } from './components/AccountPage';

export const accountRoute = { element: <AccountPage /> };
