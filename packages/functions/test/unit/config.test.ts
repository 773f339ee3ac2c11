import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config';

const env = {
  RIDES_TABLE: 'rides',
  IDEMPOTENCY_TABLE: 'idempotency',
  UNICORNS_TABLE: 'unicorns',
  USER_POOL_ID: 'local_pool',
  USER_POOL_CLIENT_ID: 'client',
  DYNAMODB_TIMEOUT_MS: '4000',
  ANSWER_RESERVE_MS: '2000',
};

describe('readConfig', () => {
  it('reads the deadline settings serverless.yml passes', () => {
    expect(readConfig(env)).toMatchObject({ dynamodbTimeoutMs: 4000, answerReserveMs: 2000 });
  });

  // serverless.yml is their one home: a function without them fails at start, it does not guess.
  it.each(['DYNAMODB_TIMEOUT_MS', 'ANSWER_RESERVE_MS'])('refuses to start without %s, or with a value that is no duration', (name) => {
    expect(() => readConfig({ ...env, [name]: undefined })).toThrow(name);
    expect(() => readConfig({ ...env, [name]: 'soon' })).toThrow(name);
    expect(() => readConfig({ ...env, [name]: '0' })).toThrow(name);
  });
});
