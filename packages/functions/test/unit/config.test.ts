import { encodeJwks } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { readConfig, shippedJwks } from '../../src/config';

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

describe('endpoints from the environment', () => {
  it('take https anywhere and plain http to this machine only', () => {
    expect(readConfig({ ...env, DYNAMODB_ENDPOINT: 'http://localhost:8000', COGNITO_ENDPOINT: 'http://127.0.0.1:9229/' })).toMatchObject({
      dynamodbEndpoint: 'http://localhost:8000',
      tokenIssuer: 'http://127.0.0.1:9229/local_pool',
    });
    expect(readConfig({ ...env, DYNAMODB_ENDPOINT: 'https://dynamodb.example.com' }).dynamodbEndpoint).toBe('https://dynamodb.example.com');
    expect(readConfig({ ...env, DYNAMODB_ENDPOINT: '' }).dynamodbEndpoint).toBeUndefined();
  });

  it.each([
    ['DYNAMODB_ENDPOINT', 'http://10.0.0.5:8000'],
    ['COGNITO_ENDPOINT', 'http://cognito.example.com'],
    ['COGNITO_ENDPOINT', 'http://localhost.evil.example:9229'],
    ['DYNAMODB_ENDPOINT', 'ftp://localhost'],
    ['DYNAMODB_ENDPOINT', 'not a url'],
  ])('refuse %s=%s: no tokens or data in clear text across a network', (name, value) => {
    expect(() => readConfig({ ...env, [name]: value })).toThrow(name);
  });
});

describe('signing keys shipped with the function (ID_TOKEN_JWKS)', () => {
  const jwks = { keys: [{ kid: 'k1', kty: 'RSA', alg: 'RS256', use: 'sig', n: 'abc', e: 'AQAB' }] };

  it('reads what the local stack and the deploy encode, and nothing when unset', () => {
    expect(shippedJwks({ ID_TOKEN_JWKS: encodeJwks(jwks) })).toEqual(jwks);
    expect(readConfig({ ...env, ID_TOKEN_JWKS: encodeJwks(jwks) }).idTokenJwks).toEqual(jwks);
    expect(shippedJwks({})).toBeUndefined();
    expect(shippedJwks({ ID_TOKEN_JWKS: '' })).toBeUndefined();
  });

  it.each([
    ['not base64url JSON', '%%%', /not base64url-encoded JSON/],
    ['JSON that is no JWKS', Buffer.from('{"keys":[]}').toString('base64url'), /not a JWKS/],
    ['keys without a key id', Buffer.from('{"keys":[{"kty":"RSA"}]}').toString('base64url'), /not a JWKS/],
  ])('stops the function at start on %s', (_, value, message) => {
    expect(() => readConfig({ ...env, ID_TOKEN_JWKS: value })).toThrow(message);
  });
});
