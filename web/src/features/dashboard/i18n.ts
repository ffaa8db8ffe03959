import { defineTexts } from '@/lib/i18n/define';

defineTexts(
  'dashboard',
  {
    title: 'Guten Tag, {{name}}',
    subtitle: 'Was diese Woche ansteht.',
    myTasks: 'Meine Aufgaben, bald fällig',
    noTasks: 'Keine Aufgaben fällig. Gut gemacht!',
    due: 'fällig {{date}}',
    overdue: 'überfällig seit {{date}}',
    projects: 'Laufende Projekte',
    noProjects: 'Keine laufenden Projekte.',
  },
  {
    title: 'Hello, {{name}}',
    subtitle: 'What is coming up this week.',
    myTasks: 'My tasks due soon',
    noTasks: 'No tasks due. Well done!',
    due: 'due {{date}}',
    overdue: 'overdue since {{date}}',
    projects: 'Active projects',
    noProjects: 'No active projects.',
  },
);
