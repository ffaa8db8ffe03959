import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { PERMISSIONS } from './permissions';

describe('permissions', () => {
  test('are exactly those the server knows (crates/app/src/actor.rs)', () => {
    const actor = readFileSync(resolve(process.cwd(), '../crates/app/src/actor.rs'), 'utf8');
    const block = actor.match(/ALL_PERMISSIONS: \[&str; \d+\] = \[([^\]]*)\]/)?.[1] ?? '';
    const server = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(server.length).toBeGreaterThan(0);
    expect([...PERMISSIONS].sort()).toEqual(server.sort());
  });

  test('each has a name and a description in German and English', () => {
    for (const language of ['de', 'en']) {
      const t = i18n.getFixedT(language, 'permissions');
      for (const permission of PERMISSIONS) {
        const key = `list.${permission.replace(':', '.')}`;
        expect(i18n.exists(`permissions:${key}.label`, { lng: language }), `${language} ${permission}`).toBe(true);
        expect(t(`${key}.description`).length).toBeGreaterThan(10);
      }
    }
  });
});
