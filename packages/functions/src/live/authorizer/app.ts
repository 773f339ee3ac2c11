import { LIVE_TOKEN_PARAMETER } from '@wildrydes/contract';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type IdTokenVerifier, Unauthorized } from '../../auth/id-token';
import { describeError, log } from '../../logger';

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/**
 * `$connect`'s REQUEST authorizer: the ID token from `?token=` (browsers cannot set headers on a
 * WebSocket), verified by the same verifier as every REST route. A refusal throws `Unauthorized`,
 * which API Gateway answers 401 before the connection opens; the rider's name travels on to
 * `$connect` as the principal, never anything read from an unverified token.
 */
export function createLiveAuthorizer(verifier: IdTokenVerifier): AuthorizerHandler {
  return async (event) => {
    const token = event.queryStringParameters?.[LIVE_TOKEN_PARAMETER];
    try {
      const rider = await verifier.verify(token);
      return {
        principalId: rider.username,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
        },
        context: { rider: rider.username },
      };
    } catch (error) {
      // The message API Gateway maps to 401; the reason stays in our log (never the token).
      log('info', 'live connection refused', { requestId: event.requestContext?.requestId, ...describeError(error) });
      if (error instanceof Unauthorized) throw new Error('Unauthorized');
      throw error;
    }
  };
}
