import { MyTasksPage } from './components/MyTasksPage';
import { TasksTab } from './components/TasksTab';

export const tasksRoute = { element: <TasksTab /> };
export const myTasksRoute = { element: <MyTasksPage /> };
