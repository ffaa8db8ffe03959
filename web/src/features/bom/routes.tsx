import { BomTab } from './components/BomTab';

export const bomRoute = { element: <BomTab /> };
