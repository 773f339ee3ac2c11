import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { LiveMessage } from '@wildrydes/contract';
import { lambdaCredentials } from '../store/dynamodb-client';

/** Sends one message to one connection: `gone` when API Gateway no longer knows it (410). */
export type Push = (connectionId: string, message: LiveMessage) => Promise<'sent' | 'gone'>;

/** The longest one post to a connection may take: a slow client must not hold up everyone's pushes. */
const PUSH_TIMEOUT_MS = 3000;

/**
 * Posts through the API's management endpoint. It comes from configuration (serverless.yml's
 * `liveEndpoint`), not from the event: offline the event names `localhost`/`local`, not the server.
 */
export function createPush(endpoint: string, region: string): Push {
  const client = new ApiGatewayManagementApiClient({
    endpoint,
    region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: PUSH_TIMEOUT_MS, requestTimeout: PUSH_TIMEOUT_MS, throwOnRequestTimeout: true },
    // The role's keys from the environment, as for DynamoDB (the local stack sets dummy ones:
    // serverless-offline checks no signature).
    credentials: lambdaCredentials,
  });
  const encoder = new TextEncoder();
  return async (connectionId, message) => {
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: encoder.encode(JSON.stringify(message)) }));
      return 'sent';
    } catch (error) {
      if (error instanceof GoneException || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410)
        return 'gone';
      throw error;
    }
  };
}
