import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveWebFile, webAppBuilt } from './web-app';

describe('the web app files the gateway may serve', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('names files inside dist, / and folders as their index.html', () => {
    expect(resolveWebFile(dist, '/')).toBe(path.join(dist, 'index.html'));
    expect(resolveWebFile(dist, '/assets/index-Ab12.js')).toBe(path.join(dist, 'assets', 'index-Ab12.js'));
    expect(resolveWebFile(dist, '/assets/')).toBe(path.join(dist, 'assets', 'index.html'));
    expect(resolveWebFile(dist, '/a%20b.txt')).toBe(path.join(dist, 'a b.txt'));
  });

  it('refuses any way out of dist: .. in any spelling, NUL, bad escapes', () => {
    for (const p of [
      '/../package.json',
      '/assets/../../package.json',
      '/..%2f..%2fetc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%5c..%5cpackage.json',
      '/..\\..\\package.json',
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      expect({ p, file: resolveWebFile(dist, p) }).toEqual({ p, file: undefined });
    }
  });

  it('says whether the app is built', () => {
    expect(webAppBuilt(dist)).toBe(true);
    expect(webAppBuilt(path.join(dist, 'absent'))).toBe(false);
  });
});
