import { describe, expect, it } from 'vitest';
import { readLiveConfig } from '../../../src/live/config';

describe('the live functions’ configuration', () => {
  it('names its tables, and refuses to start without them', () => {
    expect(readLiveConfig({ CONNECTIONS_TABLE: 'c', WATCHES_TABLE: 'w', LIVE_ENDPOINT: 'http://localhost:3001' })).toEqual({
      connectionsTable: 'c',
      watchesTable: 'w',
      endpoint: 'http://localhost:3001',
    });
    expect(() => readLiveConfig({ WATCHES_TABLE: 'w', LIVE_ENDPOINT: 'http://localhost:3001' })).toThrow('CONNECTIONS_TABLE');
  });

  // The functions' config (config.test.ts): plain http only to this machine.
  it('holds the management endpoint to the functions’ rule for endpoints', () => {
    const live = { CONNECTIONS_TABLE: 'c', WATCHES_TABLE: 'w' };
    expect(readLiveConfig({ ...live, LIVE_ENDPOINT: 'http://localhost:3001' }).endpoint).toBe('http://localhost:3001');
    expect(readLiveConfig({ ...live, LIVE_ENDPOINT: 'https://abc.execute-api.us-east-1.amazonaws.com/dev' }).endpoint).toMatch(/^https:/);
    expect(() => readLiveConfig({ ...live, LIVE_ENDPOINT: 'http://abc.execute-api.us-east-1.amazonaws.com/dev' })).toThrow('LIVE_ENDPOINT');
    expect(() => readLiveConfig(live)).toThrow('Missing environment variable LIVE_ENDPOINT');
  });
});
