import { FilesTab } from './components/FilesTab';

export const filesRoute = { element: <FilesTab /> };
