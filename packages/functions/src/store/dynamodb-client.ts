import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Tries the SDK makes of each call (one retry), each ended after the client's `timeoutMs`. */
export const SDK_MAX_ATTEMPTS = 2;

/**
 * The longest one DynamoDB call may take: every try running into its timeout (the request
 * timeout counts from the start of the try, socket wait included). The deadline's reserve absorbs
 * the SDK's short back-off between tries.
 */
export const dynamodbCallMaxMs = (timeoutMs: number) => SDK_MAX_ATTEMPTS * timeoutMs;

/**
 * A document client that fails fast: a rider waiting on a dead database should get a clear
 * "try again" within seconds, not a gateway timeout. `timeoutMs` per try comes from
 * serverless.yml (`dynamodbTimeoutMs`), where the deadlines it must fit under are set too.
 */
export function createDocumentClient(region: string, endpoint: string | undefined, timeoutMs: number): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the SDK only warns and waits for ever on a hung server.
    // Connecting gets the same allowance: DynamoDB Local accepts slowly when a burst opens many sockets at once.
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : { credentials: lambdaCredentials }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * The function's own credentials, where Lambda puts them: its role's keys in the environment.
 * With an explicit provider the SDK never needs its default chain (SSO, profiles, processes,
 * instance metadata, web identity, with their nested STS/SSO clients), and the bundle leaves it
 * out: serverless.yml's esbuild `alias` points `@aws-sdk/credential-provider-node` at this module,
 * whose `defaultProvider` is this same provider. That halves the bundle and its cold start.
 */
export const lambdaCredentials = async () => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('No AWS credentials in the environment: Lambda sets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  }
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};

/** Stands in for `@aws-sdk/credential-provider-node` in the bundle (see above); never reached in practice. */
export const defaultProvider = () => lambdaCredentials;

/** Errors that mean "the database is unreachable or overloaded right now": worth a retry later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (meta?.httpStatusCode && meta.httpStatusCode >= 500) return true;
  return /Throttl|TransactionConflict|ProvisionedThroughputExceeded|RequestLimitExceeded|TimeoutError|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up/i.test(
    `${error.name} ${error.message} ${(error as { code?: string }).code ?? ''}`,
  );
}
