import { MantineProvider } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Page } from '@/lib/api/lists';
import i18n from '@/lib/i18n';
import type { UrlParams } from '@/lib/urlParams';
import { FormMessage } from './FormParts';
import { ItemDialogs, type FormProps } from './ItemDialogs';
import { MultiFilter, PagedList, SubLine } from './ListParts';
import { MoveMenu, ScrollTable } from './TableParts';

const show = vi.hoisted(() => vi.fn());
vi.mock('@mantine/notifications', () => ({ notifications: { show } }));

beforeAll(async () => {
  // jsdom has no matchMedia; Mantine asks it for the colour scheme.
  const none = () => undefined;
  window.matchMedia ??= ((media: string) => ({ matches: false, media, onchange: null, addListener: none, removeListener: none, addEventListener: none, removeEventListener: none, dispatchEvent: () => false })) as typeof window.matchMedia;
  // Nor ResizeObserver, which Mantine's combobox asks for.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  await i18n.changeLanguage('en');
});

afterEach(cleanup);

const wrap = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

describe('a table that scrolls sideways', () => {
  test('names itself and leaves out the columns that are not shown', () => {
    wrap(
      <ScrollTable label="Permits" minWidth={600} columns={['Name', false, { label: 'Cost', align: 'right' }, { label: 'Actions', hidden: true }, null, '']}>
        <tr>
          <td>x</td>
        </tr>
      </ScrollTable>,
    );
    const table = screen.getByRole('table', { name: 'Permits' });
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Name', 'Cost', 'Actions', '']);
    expect(table.closest('.table-scroll')).not.toBeNull();
  });
});

describe('the message above a form', () => {
  test('nothing without a message; a failure in red; a 412 with “load the latest version”', () => {
    const { container } = wrap(<FormMessage message={null} />);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    cleanup();
    wrap(<FormMessage message="Not saved." />);
    expect(screen.getByRole('alert').textContent).toBe('Not saved.');
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    const onReload = vi.fn();
    wrap(<FormMessage message="Changed." conflict onReload={onReload} />);
    expect(screen.getByRole('alert').textContent).toContain('Changed in the meantime');
    fireEvent.click(screen.getByRole('button', { name: /Load the latest version/ }));
    expect(onReload).toHaveBeenCalled();
  });
});

describe('list pieces', () => {
  test('a grey line only when there is something to say', () => {
    const { container } = wrap(
      <>
        <SubLine>{null}</SubLine>
        <SubLine>{''}</SubLine>
        <SubLine>Hall 3</SubLine>
      </>,
    );
    const lines = container.querySelectorAll('p');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.textContent).toBe('Hall 3');
  });

  test('a paged list shows its items, how many, and loads more', () => {
    const fetchNextPage = vi.fn();
    const query = {
      isPending: false,
      isError: false,
      data: { pages: [{ items: [{ id: 'a' }, { id: 'b' }], total: 5 }], pageParams: [undefined] },
      hasNextPage: true,
      isFetchingNextPage: false,
      fetchNextPage,
    } as unknown as UseInfiniteQueryResult<InfiniteData<Page<{ id: string }>>>;
    wrap(
      <PagedList query={query} empty="nothing" note={(shown, total) => `${shown} of ${total}`}>
        {(items) => <p>{items.map((i) => i.id).join(',')}</p>}
      </PagedList>,
    );
    expect(screen.getByText('a,b')).toBeDefined();
    expect(screen.getByText('2 of 5')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(fetchNextPage).toHaveBeenCalled();
  });

  test('an empty paged list says so', () => {
    const query = {
      isPending: false,
      isError: false,
      data: { pages: [{ items: [], total: 0 }], pageParams: [undefined] },
      hasNextPage: false,
    } as unknown as UseInfiniteQueryResult<InfiniteData<Page<{ id: string }>>>;
    wrap(
      <PagedList query={query} empty="No permits yet.">
        {() => <p>items</p>}
      </PagedList>,
    );
    expect(screen.getByText('No permits yet.')).toBeDefined();
    expect(screen.queryByText('items')).toBeNull();
  });

  test('a filter with several choices reads and writes a list in the URL', () => {
    const set = vi.fn();
    const url = { get: (key: string) => (key === 'status' ? 'OPEN,DONE' : ''), set } as unknown as UrlParams;
    wrap(
      <MultiFilter
        url={url}
        param="status"
        label="Status"
        data={[
          { value: 'OPEN', label: 'Open' },
          { value: 'DONE', label: 'Done' },
        ]}
      />,
    );
    expect(document.body.querySelector<HTMLInputElement>('input[type="hidden"]')?.value).toBe('OPEN,DONE');
    // Removing the first choice keeps the other.
    const remove = document.body.querySelector<HTMLElement>('.mantine-Pill-remove');
    expect(remove).not.toBeNull();
    if (remove) fireEvent.click(remove);
    expect(set).toHaveBeenCalledWith('status', 'DONE');
  });
});

describe('status moves', () => {
  test('no menu when there is no move', () => {
    const { container } = wrap(<MoveMenu label="Change status" ariaLabel="Change status of X" moves={[]} pending={false} onMove={vi.fn()} />);
    expect(container.querySelector('button')).toBeNull();
  });
});

describe('the dialogs of a list of records', () => {
  const item = { id: 'p1', name: 'Noise' };

  test('creating: an empty form named “Create”; done closes and says so', () => {
    const onClose = vi.fn();
    const form = vi.fn<(record: typeof item | undefined, props: FormProps, done: (m: string) => void) => ReactNode>((_, props, done) => (
      <button type="button" onClick={() => done('Created')}>
        {props.submitLabel}
      </button>
    ));
    wrap(
      <ItemDialogs
        dialog={{ mode: 'create' }}
        current={null}
        onClose={onClose}
        titles={{ create: 'New permit', edit: 'Edit permit', view: (p) => p.name }}
        form={form}
        details={() => null}
      />,
    );
    expect(form.mock.calls[0]?.[0]).toBeUndefined();
    expect(form.mock.calls[0]?.[1]).toMatchObject({ creating: true, submitLabel: 'Create' });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(onClose).toHaveBeenCalled();
    expect(show).toHaveBeenCalledWith({ message: 'Created', color: 'green' });
  });

  test('editing the list’s version of the record; readers see its details', () => {
    const form = vi.fn<(record: typeof item | undefined, props: FormProps) => ReactNode>(() => <p>form</p>);
    wrap(
      <ItemDialogs
        dialog={{ mode: 'edit', item }}
        current={{ ...item, name: 'Noise (new)' }}
        onClose={vi.fn()}
        titles={{ create: 'New permit', edit: 'Edit permit', view: (p) => p.name }}
        form={form}
        details={(p) => <p>{p.name}</p>}
      />,
    );
    expect(form.mock.calls[0]?.[0]).toEqual({ id: 'p1', name: 'Noise (new)' });
    expect(form.mock.calls[0]?.[1]).toMatchObject({ creating: false, submitLabel: 'Save' });
    cleanup();
    wrap(
      <ItemDialogs
        dialog={{ mode: 'view', item }}
        current={item}
        onClose={vi.fn()}
        titles={{ create: 'New permit', edit: 'Edit permit', view: (p) => `Permit ${p.name}` }}
        form={form}
        details={(p) => <p>details of {p.name}</p>}
      />,
    );
    expect(screen.getByText('details of Noise')).toBeDefined();
  });
});
