import { describe, expect, test } from 'vitest';
import { agentLabel, describeAgent } from './userAgent';

const texts = { unknown: 'Unknown device', both: (browser: string, os: string) => `${browser} on ${os}` };

describe('a session’s device', () => {
  test('common browsers and systems are named', () => {
    expect(
      describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'),
    ).toEqual({ browser: 'Chrome', os: 'Windows' });
    expect(
      describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0'),
    ).toEqual({ browser: 'Edge', os: 'Windows' });
    expect(describeAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({
      browser: 'Firefox',
      os: 'Linux',
    });
    expect(
      describeAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'),
    ).toEqual({ browser: 'Safari', os: 'iPhone' });
    expect(
      describeAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'),
    ).toEqual({ browser: 'Chrome', os: 'Android' });
  });

  test('labels say what is known, and nothing is invented', () => {
    expect(agentLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15', texts)).toBe(
      'Safari on macOS',
    );
    expect(agentLabel('curl/8.5.0', texts)).toBe('curl');
    expect(agentLabel(null, texts)).toBe('Unknown device');
    expect(agentLabel('', texts)).toBe('Unknown device');
    expect(agentLabel('SomeRobot', texts)).toBe('SomeRobot');
  });
});
