import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { browserTimeZone } from '@/lib/days';
import type { Project } from '@/lib/queries/types';
import type { Transport } from '../api/transports';
import { formatTimeOfDay } from '../timeline';
import { TransportTimeline } from './TransportTimeline';

beforeAll(async () => {
  // jsdom has no matchMedia; Mantine asks it for the colour scheme.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  await i18n.changeLanguage('en');
});

afterEach(cleanup);

const project = {
  id: 'p',
  name: 'Festival',
  start_date: '2027-06-10',
  end_date: '2027-06-11',
  build_up_date: '2027-06-07',
  dismantle_date: '2027-06-13',
  currency: 'EUR',
  my_access: { write: true, manage: true, sees_costs: true, next_statuses: [] },
} as unknown as Project;

function transport(id: string, description: string, scheduled_at: string | null, warnings: string[] = []): Transport {
  return {
    id,
    project_id: 'p',
    logistics_type: 'DELIVERY',
    description,
    scheduled_at,
    status: scheduled_at ? 'SCHEDULED' : 'PLANNED',
    bom_item_ids: [],
    warnings,
    warning_details: [],
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
  };
}

function show(items: Transport[], onOpen = vi.fn()) {
  render(
    <MantineProvider>
      <TransportTimeline project={project} items={items} onOpen={onOpen} />
    </MantineProvider>,
  );
  return onOpen;
}

describe('the logistics timeline', () => {
  test('shows every day from two before build-up to two after dismantling, shaded by kind, with a legend', () => {
    show([transport('a', 'Stage roof', '2027-06-08T12:00:00Z')]);
    const region = screen.getByRole('region', { name: 'Transport timeline, day by day' });
    const days = [...region.querySelectorAll('li[data-date]')].map((li) => `${li.getAttribute('data-date')} ${li.getAttribute('data-kind')}`);
    expect(days).toEqual([
      '2027-06-05 outside',
      '2027-06-06 outside',
      '2027-06-07 buildUp',
      '2027-06-08 buildUp',
      '2027-06-09 buildUp',
      '2027-06-10 show',
      '2027-06-11 show',
      '2027-06-12 dismantle',
      '2027-06-13 dismantle',
      '2027-06-14 outside',
      '2027-06-15 outside',
    ]);
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Build-up',
      'Show',
      'Dismantling',
      'Before or after the production',
    ]);
    // The region scrolls sideways and can be reached with the keyboard.
    expect(region.getAttribute('tabindex')).toBe('0');
  });

  test('puts each transport on its day with its time, as a button that opens it', () => {
    const roof = transport('a', 'Stage roof', '2027-06-08T12:00:00Z', ['scheduled on 2027-06-08, outside …']);
    const onOpen = show([roof, transport('b', 'Fences', '2027-06-12T12:15:00Z')]);
    const day = document.querySelector('li[data-date="2027-06-08"]') as HTMLElement;
    const card = within(day).getByRole('button', { name: /Stage roof/ });
    expect(card.tagName).toBe('BUTTON');
    expect(card.textContent).toContain(formatTimeOfDay(roof.scheduled_at ?? '', 'en-GB', browserTimeZone()));
    expect(card.textContent).toContain('Warning');
    fireEvent.click(card);
    expect(onOpen).toHaveBeenCalledWith(roof);
    const dismantle = document.querySelector('li[data-date="2027-06-12"]') as HTMLElement;
    expect(within(dismantle).getByRole('button').textContent).toContain('Fences');
    expect(within(day).getByRole('heading', { level: 3 }).textContent).toBe('Tue8 Jun');
  });

  test('transports before the first day, after the last day and without a date have their own places', () => {
    show([
      transport('early', 'Office container', '2027-05-20T12:00:00Z'),
      transport('late', 'Late return', '2027-07-01T12:00:00Z'),
      transport('open', 'Not yet dated', null),
    ]);
    const region = screen.getByRole('region', { name: 'Transport timeline, day by day' });
    const headings = within(region).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings[0]).toBe('Earlier');
    expect(headings[headings.length - 1]).toBe('Later');
    const unscheduled = screen.getByRole('region', { name: 'No date yet' });
    expect(within(unscheduled).getByRole('button').textContent).toContain('Not yet dated');
  });
});
