import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client that fails fast: a rider waiting on a dead database should get a clear
 * "try again" within a couple of seconds, not a gateway timeout after 29.
 */
export function createDocumentClient(region: string, endpoint: string | undefined): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Errors that mean "the database is unreachable or overloaded right now": worth a retry later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (meta?.httpStatusCode && meta.httpStatusCode >= 500) return true;
  return (
    /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|TimeoutError|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up/i.test(
      `${error.name} ${error.message} ${(error as { code?: string }).code ?? ''}`,
    )
  );
}
