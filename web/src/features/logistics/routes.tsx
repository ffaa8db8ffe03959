import { LogisticsTab } from './components/LogisticsTab';

export const logisticsRoute = { element: <LogisticsTab /> };
