// A session's user agent as a person recognises it: "Firefox on Windows", "Safari on iPhone".

export interface Agent {
  browser?: string;
  os?: string;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
  [/node|undici/i, 'Node.js'],
  [/python/i, 'Python'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** `null` when nothing is known about the device. */
export function describeAgent(userAgent: string | null | undefined): Agent | null {
  if (!userAgent || userAgent.trim() === '') return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !os) return { browser: userAgent.slice(0, 40) };
  return { browser, os };
}

/** "Firefox on Windows", or whichever half is known. */
export function agentLabel(
  userAgent: string | null | undefined,
  texts: { unknown: string; both: (browser: string, os: string) => string },
): string {
  const agent = describeAgent(userAgent);
  if (!agent) return texts.unknown;
  if (agent.browser && agent.os) return texts.both(agent.browser, agent.os);
  return agent.browser ?? agent.os ?? texts.unknown;
}
