// Tasks, the timeline, the Kanban board and "my tasks" on the demo festival, as its people
// use them: a project manager plans tasks with dependencies (and is told about a loop), reads
// the critical path; on the board cards are dragged with the mouse and the keyboard while a
// colleague's browser follows live; conflicts are explained; columns are reordered by keyboard,
// boards renamed, created and deleted; a viewer gets no handles.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiCall, apiLogin } from './support/api';
import { expectNoAccessibilityProblems, signIn } from './support/app';
import { accessibilityProblems, close, DESKTOP, launch, newContext, PHONE, screenshot, watchConsole } from './support/browser';
import { startServer, type Login, type Server } from './support/server';

let server: Server;
let browser: Browser;
let projectId = '';
let boardId = '';
const FESTIVAL = 'Rheinwiesen Open Air 2027';

/** Long enough for a busy machine: two CPU cores shared with builds. */
const EVENTUALLY = { timeout: 10_000 };

/** Console errors other than the refused requests a test provokes on purpose. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of (409|412)|net::ERR_FAILED/.test(e));
}

interface Card {
  id: string;
  title: string;
  version: number;
  column_id: string;
}
interface Column {
  id: string;
  name: string;
  cards: Card[];
}

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  const token = await apiLogin(server.url, who('jonas').email, who('jonas').password);
  const projects = await apiCall<{ items: { id: string; name: string }[] }>(server.url, token, 'GET', '/projects?limit=200');
  projectId = projects.items.find((p) => p.name === FESTIVAL)?.id ?? '';
  const boards = await apiCall<{ items: { id: string }[] }>(server.url, token, 'GET', `/projects/${projectId}/boards`);
  boardId = boards.items[0]?.id ?? '';
  expect(projectId).not.toBe('');
  expect(boardId).not.toBe('');
});

afterAll(async () => {
  await close(browser);
  await server?.stop();
});

/** A demo login by first name (lower case). */
function who(first: string): Login {
  const found = server.logins.find((l) => l.email.startsWith(`${first}.`));
  if (!found) throw new Error(`the demo has no ${first}`);
  return found;
}

async function token(first: string): Promise<string> {
  return apiLogin(server.url, who(first).email, who(first).password);
}

async function boardColumns(first = 'jonas'): Promise<Column[]> {
  const board = await apiCall<{ columns: Column[] }>(server.url, await token(first), 'GET', `/boards/${boardId}`);
  return board.columns;
}

async function session(first: string, options: { locale?: 'de-DE' | 'en-GB'; viewport?: { width: number; height: number } } = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, server.url, who(first));
  return { context, page, errors };
}

function column(page: Page, name: string): Locator {
  return page.getByTestId('board-column').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

function cardIn(page: Page, columnName: string, title: string): Locator {
  return column(page, columnName).getByTestId('board-card').filter({ hasText: title });
}

async function openBoard(page: Page) {
  await page.goto(`${server.url}/projects/${projectId}/board`);
  await page.getByTestId('board-card').first().waitFor();
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), EVENTUALLY).toBe('live');
}

/** Drags with the mouse in small steps, as dnd-kit's pointer sensor needs; drops on the lower half of `to`. */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('nothing to drag');
  const x = b.x + b.width / 2;
  const y = b.y + b.height * 0.8;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(x, y, { steps: 15 });
  await page.waitForTimeout(150);
  await page.mouse.move(x, y + 2, { steps: 2 });
  await page.mouse.up();
}

describe.sequential('tasks and the timeline', () => {
  test('a project manager creates tasks, links them and is told about a loop and open predecessors', async () => {
    const { context, page, errors } = await session('jonas');
    await page.goto(`${server.url}/projects/${projectId}/tasks`);
    await page.getByTestId('task-row').first().waitFor();

    for (const [title, hours] of [
      ['E2E Rig the truss', '16'],
      ['E2E Focus the lights', '8'],
    ] as const) {
      await page.getByRole('button', { name: 'New task' }).click();
      const dialog = page.getByRole('dialog', { name: 'New task' });
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByLabel('Estimated hours').fill(hours);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect.poll(() => dialog.isVisible(), EVENTUALLY).toBe(false);
    }
    await page.getByLabel('Search tasks').fill('E2E');
    await expect.poll(() => page.getByTestId('task-row').count(), EVENTUALLY).toBe(2);

    // The lights wait for the truss.
    await page.getByRole('button', { name: 'E2E Focus the lights', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit task' });
    await dialog.getByRole('textbox', { name: 'Add predecessor' }).fill('E2E Rig');
    await page.getByRole('option', { name: 'E2E Rig the truss' }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('list', { name: 'Depends on' }).getByText('E2E Rig the truss').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The truss cannot also wait for the lights: the loop is named, in order.
    await page.getByRole('button', { name: 'E2E Rig the truss', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Edit task' });
    await dialog.getByRole('textbox', { name: 'Add predecessor' }).fill('E2E Focus');
    await page.getByRole('option', { name: 'E2E Focus the lights' }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByText('That would make a loop').waitFor();
    expect(await dialog.getByTestId('cycle').textContent()).toBe(
      '“E2E Focus the lights” → “E2E Rig the truss” → “E2E Focus the lights”',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Done before its predecessor is refused, naming it.
    await page.getByRole('button', { name: /Change status of “E2E Focus the lights”/ }).click();
    await page.getByRole('menuitem', { name: 'Done' }).click();
    const explanation = page.getByText('The task can only be done once these predecessors are done:');
    await explanation.waitFor();
    expect(await page.getByRole('alert').filter({ has: explanation }).textContent()).toContain(
      'E2E Rig the truss (To do)',
    );

    // The timeline: critical bars in red, every bar named with its dates and slack.
    await page.getByLabel('Search tasks').fill('');
    await page.getByText('Timeline', { exact: true }).click();
    await page.getByTestId('gantt').waitFor();
    expect(await page.locator('[data-testid="gantt-bar"][data-critical="true"]').count()).toBeGreaterThan(3);
    const lights = page.getByRole('img', { name: /^E2E Focus the lights: .+ to .+, slack .+after E2E Rig the truss/ });
    await lights.waitFor();
    await page.getByText('Critical path').waitFor();
    expect(await page.getByTestId('project-finish').textContent()).toMatch(/^Project finish \d+ \w+ 20\d\d$/);
    // The table gives the same schedule to screen readers and to people who prefer it.
    await page.getByRole('button', { name: 'As a table' }).click();
    await page.getByRole('table', { name: 'Timeline as a table' }).getByText('E2E Rig the truss').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});

describe.sequential('the board', () => {
  test('cards move by mouse and keyboard, and a colleague sees it live', async () => {
    const jonas = await session('jonas');
    const lukas = await session('lukas');
    await openBoard(jonas.page);
    await openBoard(lukas.page);
    const vip = 'Ask the client for the VIP guest list';
    const photo = 'Check the photo release wording';
    await cardIn(jonas.page, 'To do', vip).waitFor();

    // Mouse: To do → Review.
    await drag(jonas.page, cardIn(jonas.page, 'To do', vip).getByTestId('drag-handle'), column(jonas.page, 'Review').getByTestId('board-card').last());
    await cardIn(jonas.page, 'Review', vip).waitFor({ timeout: 5_000 });
    // The colleague's board follows without a reload.
    await cardIn(lukas.page, 'Review', vip).waitFor({ timeout: 5_000 });
    let server = await boardColumns();
    expect(server.find((c) => c.name === 'Review')?.cards.map((c) => c.title)).toContain(vip);

    // Keyboard: pick up with space, arrow right into "Done", drop with space.
    const handle = cardIn(jonas.page, 'Review', photo).getByTestId('drag-handle');
    await handle.focus();
    await jonas.page.keyboard.press('Space');
    await jonas.page.waitForTimeout(200);
    await jonas.page.keyboard.press('ArrowRight');
    await jonas.page.waitForTimeout(300);
    await jonas.page.keyboard.press('Space');
    await cardIn(jonas.page, 'Done', photo).waitFor({ timeout: 5_000 });
    await cardIn(lukas.page, 'Done', photo).waitFor({ timeout: 5_000 });
    server = await boardColumns();
    expect(server.find((c) => c.name === 'Done')?.cards.map((c) => c.title)).toContain(photo);

    // The WIP limit shows as count / limit.
    expect(await column(jonas.page, 'In progress').getByTestId('wip').textContent()).toMatch(/^12 \/ 14/);
    expect(jonas.errors).toEqual([]);
    expect(lukas.errors).toEqual([]);
    await lukas.context.close();
    await jonas.context.close();
  });

  test('a card changed by someone else meanwhile: explained, the typed title kept', async () => {
    const { context, page, errors } = await session('jonas');
    await openBoard(page);
    const title = 'Collect quotes for crew shirts';
    await cardIn(page, 'In progress', title).getByRole('button', { name: `Open card “${title}”` }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit card' });
    await dialog.getByLabel('Title').fill('Crew shirts: three quotes');
    // Meanwhile Lukas edits the same card.
    const card = (await boardColumns()).flatMap((c) => c.cards).find((c) => c.title === title);
    if (!card) throw new Error('card missing');
    await apiCall(server.url, await token('lukas'), 'PATCH', `/cards/${card.id}`, { description: 'Ask two more suppliers', version: card.version });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByTestId('card-conflict').waitFor();
    expect(await dialog.getByTestId('card-conflict').textContent()).toContain('Someone else changed this card meanwhile');
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Crew shirts: three quotes');
    await screenshot(page, 'en-desktop-64-board-conflict');
    // Saving again applies the title on top of Lukas's change.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible(), EVENTUALLY).toBe(false);
    const saved = (await boardColumns()).flatMap((c) => c.cards).find((c) => c.id === card.id) as Card & { description: string };
    expect(saved.title).toBe('Crew shirts: three quotes');
    expect(saved.description).toBe('Ask two more suppliers');
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  test('a move against a stale board is refused, explained and the board refreshed', async () => {
    const { context, page, errors } = await session('jonas');
    // This browser misses live updates (a dropped connection), so its view goes stale.
    await page.route('**/events?**', (route) => route.abort());
    await page.goto(`${server.url}/projects/${projectId}/board`);
    await page.getByTestId('board-card').first().waitFor();
    const review = (await boardColumns()).find((c) => c.name === 'Review');
    const top = review?.cards[0];
    const toDo = (await boardColumns()).find((c) => c.name === 'To do');
    if (!top || !toDo || !review) throw new Error('board changed');
    // Someone moves the top card of "Review" away.
    await apiCall(server.url, await token('lukas'), 'POST', `/cards/${top.id}/move`, { column_id: toDo.id, version: top.version });
    // Here it is still shown at the top; moving the second card above it names it as neighbour.
    const second = review.cards[1];
    if (!second) throw new Error('review too short');
    const handle = cardIn(page, 'Review', second.title).getByTestId('drag-handle');
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    const notice = page.getByTestId('board-notice');
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.textContent()).toContain('Someone else moved or changed this card or its neighbours meanwhile');
    // Refreshed: the moved card now shows in "To do", the refused move is undone.
    await cardIn(page, 'To do', top.title).waitFor({ timeout: 5_000 });
    expect(await column(page, 'Review').getByTestId('board-card').first().textContent()).toContain(second.title);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  test('a column moves by keyboard and back from its menu; a full column is not deleted; boards are renamed, created and deleted', async () => {
    const { context, page, errors } = await session('jonas');
    await openBoard(page);
    const shown = () => page.getByTestId('board-column').getByRole('heading', { level: 3 }).allTextContents();
    const stored = async () => (await boardColumns()).map((c) => c.name);
    const before = await stored();
    expect(await shown()).toEqual(before);
    const at = before.indexOf('Review');
    expect(at).toBeGreaterThan(0);
    const left = before[at - 1] ?? '';

    // Keyboard: pick up "Review" by its handle, one step left, drop.
    await page.getByRole('button', { name: 'Move column “Review”' }).focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    const moved = [...before];
    moved.splice(at, 1);
    moved.splice(at - 1, 0, 'Review');
    await expect.poll(shown, EVENTUALLY).toEqual(moved);
    await expect.poll(stored, EVENTUALLY).toEqual(moved);
    expect(moved.indexOf('Review')).toBeLessThan(moved.indexOf(left));

    // Back to where it was, from the column's menu.
    await page.getByRole('button', { name: 'Actions for column “Review”' }).click();
    await page.getByRole('menuitem', { name: 'Move right' }).click();
    await expect.poll(stored, EVENTUALLY).toEqual(before);
    await expect.poll(shown, EVENTUALLY).toEqual(before);

    // A column that still holds cards is not deleted: the board says why.
    await page.getByRole('button', { name: 'Actions for column “In progress”' }).click();
    await page.getByRole('menuitem', { name: 'Delete column' }).click();
    const notice = page.getByTestId('board-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Column “In progress” cannot be deleted.*The column still holds \d+ cards\. Move or delete them first\./);
    expect(await stored()).toEqual(before);

    // Rename the board.
    await page.getByRole('button', { name: 'Board actions' }).click();
    await page.getByRole('menuitem', { name: 'Rename board' }).click();
    let dialog = page.getByRole('dialog', { name: 'Rename board' });
    await dialog.getByRole('textbox', { name: 'Board name' }).fill('Festival production (E2E)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: 'Festival production (E2E)' }).waitFor();
    const renamed = await apiCall<{ name: string }>(server.url, await token('jonas'), 'GET', `/boards/${boardId}`);
    expect(renamed.name).toBe('Festival production (E2E)');

    // Another board: it opens with the default columns; an empty column goes after a confirmation; the board is deleted.
    await page.getByRole('button', { name: 'New board' }).click();
    dialog = page.getByRole('dialog', { name: 'New board' });
    await dialog.getByRole('textbox', { name: 'Board name' }).fill('E2E Build-up week');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 2, name: 'E2E Build-up week' }).waitFor();
    await expect.poll(shown, EVENTUALLY).toEqual(['To do', 'In progress', 'Review', 'Done']);
    await page.getByRole('button', { name: 'Actions for column “Review”' }).click();
    await page.getByRole('menuitem', { name: 'Delete column' }).click();
    const confirmColumn = page.getByRole('dialog', { name: 'Delete column' });
    await confirmColumn.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(shown, EVENTUALLY).toEqual(['To do', 'In progress', 'Done']);

    await page.getByRole('button', { name: 'Board actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete board' }).click();
    const confirmBoard = page.getByRole('dialog', { name: 'Delete board' });
    expect(await confirmBoard.textContent()).toContain('Delete board “E2E Build-up week” with its columns and 0 cards? Linked tasks stay.');
    await confirmBoard.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 2, name: 'Festival production (E2E)' }).waitFor();
    const boards = await apiCall<{ items: { name: string }[] }>(server.url, await token('jonas'), 'GET', `/projects/${projectId}/boards`);
    expect(boards.items.map((b) => b.name)).toEqual(['Festival production (E2E)']);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  test('a viewer sees the board and tasks without handles or edit buttons', async () => {
    const { context, page, errors } = await session('tom');
    await openBoard(page);
    expect(await page.getByTestId('drag-handle').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Open card/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Add card|Add column|New board/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Board actions|Move column|Actions for column)/ }).count()).toBe(0);
    await page.goto(`${server.url}/projects/${projectId}/tasks`);
    await page.getByTestId('task-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New task' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Change status of/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.sequential('my tasks', () => {
  test('Lukas sees his tasks of every project, grouped by due date', async () => {
    const lukasToken = await token('lukas');
    const mine = await apiCall<{ items: { title: string; project_id: string; status: string }[]; total: number }>(
      server.url,
      lukasToken,
      'GET',
      '/tasks?assigned_to=me&status=TODO,IN_PROGRESS,REVIEW,BLOCKED&limit=200',
    );
    const projects = await apiCall<{ items: { id: string; name: string }[] }>(server.url, lukasToken, 'GET', '/projects?limit=200');
    const names = [...new Set(mine.items.map((t) => t.project_id))].map((id) => projects.items.find((p) => p.id === id)?.name ?? '');
    expect(names.length).toBeGreaterThan(1);

    const { context, page, errors } = await session('lukas');
    await page.getByRole('link', { name: 'My tasks' }).click();
    await page.getByTestId('my-task').first().waitFor();
    await expect.poll(() => page.getByTestId('my-task').count(), EVENTUALLY).toBe(mine.items.length);
    for (const name of names) expect(await page.getByRole('link', { name }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Overdue' }).count()).toBe(1);

    // A quick status change from the list.
    const first = page.getByTestId('my-task').filter({ has: page.getByRole('button', { name: /Change status of .*: To do/ }) }).first();
    const title = (await first.getByRole('button').first().textContent()) ?? '';
    await first.getByRole('button', { name: /Change status of/ }).click();
    await page.getByRole('menuitem', { name: 'In progress' }).click();
    await page.getByText(`“${title}” is now “In progress”`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a client user has no "My tasks"', async () => {
    const client = server.logins.find((l) => l.role === 'client');
    if (!client) throw new Error('no client login');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, client);
    await page.getByRole('link', { name: 'Projects' }).waitFor();
    expect(await page.getByRole('link', { name: 'My tasks' }).count()).toBe(0);
    await context.close();
  });
});

const variants = [
  { locale: 'en-GB' as const, tag: 'en', viewport: DESKTOP, device: 'desktop' },
  { locale: 'de-DE' as const, tag: 'de', viewport: DESKTOP, device: 'desktop' },
  { locale: 'en-GB' as const, tag: 'en', viewport: PHONE, device: 'phone' },
  { locale: 'de-DE' as const, tag: 'de', viewport: PHONE, device: 'phone' },
];

describe.each(variants)('screens ($tag, $device)', ({ locale, tag, viewport, device }) => {
  test('tasks, timeline, board, my tasks', async () => {
    const { context, page, errors } = await session('jonas', { locale, viewport });
    const prefix = `${tag}-${device}`;
    const check = async (name: string) => {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectNoAccessibilityProblems(await accessibilityProblems(page), name);
      await screenshot(page, `${prefix}-${name}`);
      expect(errors, `errors on ${name}`).toEqual([]);
    };

    await page.goto(`${server.url}/projects/${projectId}/tasks`);
    await page.getByTestId('task-row').first().waitFor();
    expect(await page.getByRole('tab', { name: tag === 'de' ? 'Aufgaben' : 'Tasks' }).getAttribute('aria-selected')).toBe('true');
    await check('60-tasks');

    await page.goto(`${server.url}/projects/${projectId}/tasks?view=timeline`);
    await page.getByTestId('gantt').waitFor();
    await page.getByText(tag === 'de' ? 'Kritischer Pfad' : 'Critical path').waitFor();
    await check('61-timeline');

    await page.goto(`${server.url}/projects/${projectId}/board`);
    await page.getByTestId('board-card').first().waitFor();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), EVENTUALLY).toBe('live');
    await check('62-board');

    await page.goto(`${server.url}/my-tasks`);
    await page.getByTestId('my-task').first().waitFor();
    await check('63-my-tasks');

    // The task editor, in this language and size.
    await page.goto(`${server.url}/projects/${projectId}/tasks`);
    await page.getByTestId('task-row').first().getByRole('button').first().click();
    await page.getByRole('dialog').getByTestId('dependencies').waitFor();
    await check('65-task-editor');
    await context.close();
  });
});
