import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config';

const env = {
  RIDES_TABLE: 'rides',
  IDEMPOTENCY_TABLE: 'idempotency',
  UNICORNS_TABLE: 'unicorns',
  RIDERS_TABLE: 'riders',
  MAX_WAIT_MINUTES: '30',
  USER_POOL_ID: 'local_pool',
  USER_POOL_CLIENT_ID: 'client',
  DYNAMODB_TIMEOUT_MS: '4000',
  ANSWER_RESERVE_MS: '2000',
};

describe('readConfig', () => {
  it('reads the deadline settings serverless.yml passes', () => {
    expect(readConfig(env)).toMatchObject({ dynamodbTimeoutMs: 4000, answerReserveMs: 2000 });
  });

  it('reads the riders table and the reach, refusing a reach that is not a positive number', () => {
    expect(readConfig(env)).toMatchObject({ ridersTable: 'riders', maxWaitMinutes: 30 });
    expect(() => readConfig({ ...env, MAX_WAIT_MINUTES: undefined })).toThrow('MAX_WAIT_MINUTES');
    expect(() => readConfig({ ...env, MAX_WAIT_MINUTES: '-1' })).toThrow('MAX_WAIT_MINUTES');
    expect(() => readConfig({ ...env, RIDERS_TABLE: undefined })).toThrow('RIDERS_TABLE');
  });

  // serverless.yml is their one home: a function without them fails at start, it does not guess.
  it.each(['DYNAMODB_TIMEOUT_MS', 'ANSWER_RESERVE_MS'])('refuses to start without %s, or with a value that is no duration', (name) => {
    expect(() => readConfig({ ...env, [name]: undefined })).toThrow(name);
    expect(() => readConfig({ ...env, [name]: 'soon' })).toThrow(name);
    expect(() => readConfig({ ...env, [name]: '0' })).toThrow(name);
  });
});
