// `blob:` URLs for file previews and thumbnails. A URL pins its bytes in memory until it is
// revoked, so they are not kept in the query cache (which holds the Blob itself: dropping the
// cache entry frees it). Each component showing a Blob leases a URL for as long as it is
// mounted; components showing the same Blob share one URL, which is revoked when the last of
// them unmounts or moves on to other bytes.
import { useCallback, useSyncExternalStore } from 'react';

interface Entry {
  url: string;
  holders: number;
}

export class ObjectUrls {
  private readonly entries = new Map<Blob, Entry>();

  constructor(
    private readonly create: (blob: Blob) => string = (blob) => URL.createObjectURL(blob),
    private readonly revoke: (url: string) => void = (url) => URL.revokeObjectURL(url),
  ) {}

  /** A URL for `blob` until the returned release is called (once; later calls do nothing). */
  acquire(blob: Blob): () => void {
    let entry = this.entries.get(blob);
    if (!entry) {
      entry = { url: this.create(blob), holders: 0 };
      this.entries.set(blob, entry);
    }
    entry.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.entries.get(blob);
      if (!current) return;
      current.holders -= 1;
      if (current.holders <= 0) {
        this.entries.delete(blob);
        this.revoke(current.url);
      }
    };
  }

  /** The URL `blob` has while someone holds it. */
  peek(blob: Blob): string | undefined {
    return this.entries.get(blob)?.url;
  }

  /** How many URLs are alive (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
}

const shared = new ObjectUrls();

/**
 * A `blob:` URL for `blob` while the calling component is mounted (`undefined` without a
 * Blob, and for the first render: the URL exists once the component has subscribed, so a
 * render that React throws away leaks nothing).
 */
export function useObjectUrl(blob: Blob | null | undefined, urls: ObjectUrls = shared): string | undefined {
  const subscribe = useCallback(
    (changed: () => void) => {
      if (!blob) return () => undefined;
      const release = urls.acquire(blob);
      changed();
      return release;
    },
    [blob, urls],
  );
  const snapshot = () => (blob ? urls.peek(blob) : undefined);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
