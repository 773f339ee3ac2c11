import { LIVE_TOKEN_PARAMETER } from '@wildrydes/contract';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type IdTokenVerifier, Unauthorized } from '../../auth/id-token';
import { describeError, log } from '../../logger';
import { flushMetrics, recordTokenRefusal } from '../../metrics';

type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/** The principal of a refused connection: a Deny names nobody. */
export const NOBODY = 'anonymous';

const policy = (principalId: string, effect: 'Allow' | 'Deny', resource: string) => ({
  principalId,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
});

/**
 * `$connect`'s REQUEST authorizer: the ID token from `?token=` (browsers cannot set headers on a
 * WebSocket), verified by the same verifier as every REST route. The rider's name travels on to
 * `$connect` as the principal, never anything read from an unverified token.
 *
 * A token we do not accept gets a Deny policy: API Gateway answers 403 and the connection never
 * opens, and serverless-offline does the same (it maps only a *returned* "Unauthorized" to 401 and
 * answers 500 to a thrown one, where API Gateway gives 401: a Deny is the one answer both give
 * alike). A browser sees neither status: its WebSocket just fails to open. Keys that cannot be
 * fetched are an error (500), not a refusal: the client retries rather than signs the rider out.
 */
export function createLiveAuthorizer(verifier: IdTokenVerifier): AuthorizerHandler {
  return async (event) => {
    const token = event.queryStringParameters?.[LIVE_TOKEN_PARAMETER];
    try {
      const rider = await verifier.verify(token);
      return { ...policy(rider.username, 'Allow', event.methodArn), context: { rider: rider.username } };
    } catch (error) {
      // The reason stays in our log (never the token).
      log('info', 'live connection refused', { requestId: event.requestContext?.requestId, ...describeError(error) });
      if (error instanceof Unauthorized) {
        recordTokenRefusal(error.reason, event.requestContext?.requestId);
        return policy(NOBODY, 'Deny', event.methodArn);
      }
      throw error;
    } finally {
      flushMetrics(event.requestContext?.requestId);
    }
  };
}
