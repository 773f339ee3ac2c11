import { describe, expect, it } from 'vitest';
import { readStackConfig, stackEnv } from '../src/config';

describe('readStackConfig', () => {
  it('uses the documented ports for dev and keeps data', () => {
    const config = readStackConfig({});
    expect(config.ports).toEqual({ api: 3000, lambda: 3002, websocket: 3001, dynamodb: 8000, cognito: 9229, web: 5173 });
    expect(config.persist).toBe(true);
    expect(config.localDir).toBe(`${config.rootDir}/.local`);
  });

  it('gives the test profile its own ports and folder, so tests can run beside `pnpm dev`', () => {
    const dev = readStackConfig({});
    const test = readStackConfig({ WILDRYDES_PROFILE: 'test' });
    expect(Object.values(test.ports).some((p) => Object.values(dev.ports).includes(p))).toBe(false);
    expect(test.localDir).not.toBe(dev.localDir);
    expect(test.persist).toBe(false);
  });

  it('gives the soak profile ports and a folder of its own, so `pnpm soak` runs beside dev and test', () => {
    const dev = readStackConfig({});
    const test = readStackConfig({ WILDRYDES_PROFILE: 'test' });
    const soak = readStackConfig({ WILDRYDES_PROFILE: 'soak' });
    const taken = [...Object.values(dev.ports), ...Object.values(test.ports)];
    expect(Object.values(soak.ports).filter((p) => taken.includes(p))).toEqual([]);
    expect(soak.localDir).toBe(`${soak.rootDir}/.local/soak`);
    expect(soak.persist).toBe(false);
  });

  it('falls back to dev for a profile it does not know', () => {
    expect(readStackConfig({ WILDRYDES_PROFILE: 'prod' }).profile).toBe('dev');
  });

  it('takes any port from its environment variable', () => {
    expect(readStackConfig({ WILDRYDES_DYNAMODB_PORT: '18000' }).ports.dynamodb).toBe(18000);
  });

  it('names the variable when a port is not a number', () => {
    expect(() => readStackConfig({ WILDRYDES_API_PORT: 'eighty' })).toThrow(/WILDRYDES_API_PORT=eighty is not a port/);
  });

  it('passes the same stack on to child processes', () => {
    const config = readStackConfig({ WILDRYDES_PROFILE: 'test', WILDRYDES_WEB_PORT: '6000' });
    expect(readStackConfig(stackEnv(config))).toEqual(config);
  });
});
