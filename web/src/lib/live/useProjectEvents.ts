// Live updates of one project: the server's event stream (`GET /projects/{id}/events`) read
// with the browser's EventSource. EventSource cannot send the Authorization header, so each
// (re)connection first fetches a one-minute ticket (`POST /auth/sse-ticket`). The browser's
// own reconnect would reuse the expired ticket, so on any error or end of stream (the server
// ends streams after ten minutes) the connection is closed and reopened here with a fresh
// ticket, resuming after the last event seen (`last_event_id`), with a growing delay while the
// server cannot be reached.
import { useEffect, useRef, useState } from 'react';
import { env } from '@/config/env';
import { api, unwrap } from '@/lib/api/client';

/** One change: `type` such as `card.moved`, the changed record's `id` and its new `version`. */
export interface LiveEvent {
  type: string;
  id: string;
  project_id: string;
  version?: number | null;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

/** Every event type the server sends (EventSource only delivers named events one listens to). */
export const LIVE_EVENT_TYPES = [
  'board.created',
  'board.updated',
  'board.deleted',
  'column.created',
  'column.updated',
  'column.deleted',
  'card.created',
  'card.updated',
  'card.moved',
  'card.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
  'task.dependency_added',
  'task.dependency_removed',
  'workflow_stage.created',
  'workflow_stage.updated',
  'workflow_stage.deleted',
  'bom_item.created',
  'bom_item.updated',
  'bom_item.deleted',
  'bom_item.imported',
  'permit.created',
  'permit.updated',
  'permit.deleted',
  'transport.created',
  'transport.updated',
  'transport.deleted',
  'file.created',
  'file.updated',
  'file.deleted',
  'file.restored',
] as const;

const DELAYS = [1_000, 2_000, 5_000, 10_000, 30_000];

interface Handlers {
  /** A change arrived. */
  onEvent: (event: LiveEvent) => void;
  /** Events may have been missed (the server said `reset`, or the stream was down): refetch. */
  onReset: () => void;
}

/**
 * Subscribes to the project's live events while the component is mounted; answers the
 * connection's state for a small indicator.
 */
export function useProjectEvents(projectId: string, handlers: Handlers, enabled = true): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let failures = 0;
    let lastEventId: string | null = null;
    let wasLive = false;

    const retry = () => {
      source?.close();
      source = null;
      if (stopped) return;
      setStatus(failures > 0 ? 'offline' : 'connecting');
      const delay = DELAYS[Math.min(failures, DELAYS.length - 1)] ?? 30_000;
      failures += 1;
      timer = setTimeout(() => void connect(), delay);
    };

    const connect = async () => {
      if (stopped) return;
      let ticket: string;
      try {
        ticket = (await unwrap(api.POST('/api/v1/auth/sse-ticket'))).ticket;
      } catch {
        retry();
        return;
      }
      if (stopped) return;
      const query = new URLSearchParams({ ticket });
      if (lastEventId) query.set('last_event_id', lastEventId);
      const opened = new EventSource(`${env.apiBase}/projects/${projectId}/events?${query.toString()}`);
      source = opened;
      opened.onopen = () => {
        failures = 0;
        setStatus('live');
        // Without a position to resume from, anything that happened while disconnected
        // is unknown: refetch once.
        if (wasLive && !lastEventId) latest.current.onReset();
        wasLive = true;
      };
      // The stream ended (after ten minutes) or broke: reconnect with a new ticket.
      opened.onerror = () => {
        if (source === opened) retry();
      };
      const deliver = (message: MessageEvent<string>) => {
        if (message.lastEventId) lastEventId = message.lastEventId;
        try {
          latest.current.onEvent(JSON.parse(message.data) as LiveEvent);
        } catch {
          latest.current.onReset();
        }
      };
      for (const type of LIVE_EVENT_TYPES) opened.addEventListener(type, deliver);
      opened.addEventListener('reset', () => latest.current.onReset());
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [projectId, enabled]);

  return enabled ? status : 'offline';
}
