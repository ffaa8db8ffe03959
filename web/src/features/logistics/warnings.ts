// A transport's warnings as the screen words them: each `warning_details` entry has a stable
// code and its facts (crates/app/src/logistics.rs `TransportWarning`); a code this client
// does not know yet is shown in the server's English sentence of the same position.
import type { components } from '@/lib/api/schema';

type Details = components['schemas']['TransportWarning'];

export type Warning =
  | { kind: 'outsideWindow'; day: string; first: string; last: string }
  | { kind: 'other'; text: string };

export function warningsOf(transport: { warnings: string[]; warning_details: Details[] }): Warning[] {
  return transport.warning_details.map((detail, index) => {
    if (detail.code === 'OUTSIDE_WINDOW' && detail.day && detail.window_start && detail.window_end) {
      return { kind: 'outsideWindow', day: detail.day, first: detail.window_start, last: detail.window_end };
    }
    return { kind: 'other', text: transport.warnings[index] ?? detail.code };
  });
}
