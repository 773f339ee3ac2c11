import { afterEach, describe, expect, it, vi } from 'vitest';
import { dynamodbCallMaxMs, isTransient, lambdaCredentials, SDK_MAX_ATTEMPTS } from '../../../src/store/dynamodb-client';

const named = (name: string, message = name, extra: object = {}) => Object.assign(new Error(message), { name }, extra);

describe('the DynamoDB client', () => {
  it('allows one call every try of the SDK, each up to the per-try timeout', () => {
    expect(SDK_MAX_ATTEMPTS).toBe(2);
    expect(dynamodbCallMaxMs(4000)).toBe(8000);
  });
});

describe('isTransient', () => {
  // What it says decides a 503 "try again" (nothing was done) against a 500 (a bug of ours).
  it.each([
    ['throttling', named('ThrottlingException', 'Rate exceeded')],
    ['throughput exceeded', named('ProvisionedThroughputExceededException')],
    ['a transaction conflict', named('TransactionConflictException')],
    ['a request limit', named('RequestLimitExceeded')],
    ['a timed-out try', named('TimeoutError', 'Request did not complete within 2000 ms')],
    ['a refused connection', named('Error', 'connect ECONNREFUSED 127.0.0.1:8000', { code: 'ECONNREFUSED' })],
    ['a reset connection', named('Error', 'read ECONNRESET')],
    ['a hung-up socket', named('Error', 'socket hang up')],
    ['any 5xx of the service', named('InternalServerError', 'Internal error', { $metadata: { httpStatusCode: 500 } })],
  ])('is true for %s', (_name, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    [
      'a failed condition',
      named('ConditionalCheckFailedException', 'The conditional request failed', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['a validation error', named('ValidationException', 'One or more parameter values were invalid')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'Items')")],
    ['something thrown that is not an Error', 'ECONNREFUSED'],
  ])('is false for %s', (_name, error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe('lambdaCredentials', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('are the role’s keys Lambda puts in the environment, with the session token when there is one', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    expect(await lambdaCredentials()).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    expect(await lambdaCredentials()).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' });
  });

  it('fail loudly without them, rather than sign with nothing', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    await expect(lambdaCredentials()).rejects.toThrow(/No AWS credentials in the environment/);
  });
});
