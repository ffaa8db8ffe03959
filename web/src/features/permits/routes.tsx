import { PermitsTab } from './components/PermitsTab';

export const permitsRoute = { element: <PermitsTab /> };
