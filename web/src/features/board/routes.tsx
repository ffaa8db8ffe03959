import { BoardTab } from './components/BoardTab';

export const boardRoute = { element: <BoardTab /> };
