// The server's transport warnings are English sentences without a code
// (crates/app/src/logistics.rs `warnings_of`); the one it writes today is recognised and
// translated, anything else is shown as the server wrote it.

export type Warning =
  | { kind: 'outsideWindow'; day: string; first: string; last: string }
  | { kind: 'other'; text: string };

const OUTSIDE = /^scheduled on (\d{4}-\d{2}-\d{2}), outside the production window (\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/;

export function parseWarning(text: string): Warning {
  const match = OUTSIDE.exec(text);
  if (match?.[1] && match[2] && match[3]) {
    return { kind: 'outsideWindow', day: match[1], first: match[2], last: match[3] };
  }
  return { kind: 'other', text };
}
