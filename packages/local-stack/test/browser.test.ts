import { describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM_MESSAGE, NoChromium } from '../src/browser';

const PLAYWRIGHT = '/home/me/.cache/ms-playwright/chromium-1234/chrome-linux/chrome';
const has =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, even when other browsers are there', () => {
    expect(
      findChromium(() => PLAYWRIGHT, { CHROMIUM_PATH: '/opt/chrome/chrome' }, has('/opt/chrome/chrome', PLAYWRIGHT, '/usr/bin/chromium')),
    ).toEqual({
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it('refuses a CHROMIUM_PATH that does not exist, naming it, rather than falling back silently', () => {
    expect(() => findChromium(() => PLAYWRIGHT, { CHROMIUM_PATH: '/nope' }, has(PLAYWRIGHT))).toThrow(
      /CHROMIUM_PATH=\/nope does not exist/,
    );
  });

  it("prefers Playwright's own Chromium when installed", () => {
    expect(findChromium(() => PLAYWRIGHT, {}, has(PLAYWRIGHT, '/usr/bin/chromium'))).toEqual({ path: PLAYWRIGHT, source: 'Playwright' });
  });

  it("falls back to the system's Chromium (Debian, Ubuntu)", () => {
    expect(findChromium(() => PLAYWRIGHT, {}, has('/usr/bin/chromium'))).toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(findChromium(() => PLAYWRIGHT, {}, has('/usr/bin/chromium-browser'))).toEqual({
      path: '/usr/bin/chromium-browser',
      source: 'system',
    });
  });

  it('survives a Playwright that knows no browser for this platform', () => {
    const unknown = () => {
      throw new Error('unsupported platform');
    };
    expect(findChromium(unknown, {}, has('/usr/bin/chromium')).source).toBe('system');
  });

  it('with no browser at all, says in one line how to get one', () => {
    let error: unknown;
    try {
      findChromium(() => PLAYWRIGHT, {}, has());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoChromium);
    expect((error as Error).message).toBe(NO_CHROMIUM_MESSAGE);
    expect(NO_CHROMIUM_MESSAGE).not.toContain('\n');
    expect(NO_CHROMIUM_MESSAGE).toContain('exec playwright install chromium');
    expect(NO_CHROMIUM_MESSAGE).toContain('CHROMIUM_PATH');
  });
});
