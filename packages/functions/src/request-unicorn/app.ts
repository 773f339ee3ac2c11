import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { parseRideRequest, type PickupLocation, type RideResponse } from '@wildrydes/contract';
import { JwksUnavailable, Unauthorized, type IdTokenVerifier } from '../auth/id-token';
import { corsHeaders } from '../http/cors';
import { clientError, header, json, serverError } from '../http/response';
import { describeError, log } from '../logger';
import { isTransient } from '../store/dynamodb-client';

export interface RequestUnicornDeps {
  verifier: IdTokenVerifier;
  requestRide: (rider: string, pickup: PickupLocation) => Promise<RideResponse>;
  allowedOrigins: readonly string[];
}

export type Handler = (event: APIGatewayProxyEvent, context: Pick<Context, 'awsRequestId'>) => Promise<APIGatewayProxyResult>;

/** `POST /ride`: verify the rider, validate the pickup, book the ride, answer in the workshop's shape. */
export function createRequestUnicornHandler(deps: RequestUnicornDeps): Handler {
  return async (event, context) => {
    const requestId = context.awsRequestId;
    const cors = corsHeaders(deps.allowedOrigins, header(event.headers, 'origin'));
    try {
      // Identity first, as the API's authorizer would: a stranger learns nothing about the body.
      const rider = await deps.verifier.verify(header(event.headers, 'authorization'));
      const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      const request = parseRideRequest(body);
      if (!request.ok) {
        log('info', 'ride request refused', { requestId, status: request.status, reason: request.message });
        return clientError(request.status, request.message, cors);
      }
      const ride = await deps.requestRide(rider.username, request.value.PickupLocation);
      log('info', 'ride booked', { requestId, rideId: ride.RideId, unicorn: ride.UnicornName });
      return json(201, ride, cors);
    } catch (error) {
      if (error instanceof Unauthorized) {
        log('info', 'ride request unauthorized', { requestId, reason: error.message });
        return clientError(401, error.message, cors);
      }
      const transient = error instanceof JwksUnavailable || isTransient(error);
      log('error', 'ride request failed', { requestId, transient, ...describeError(error) });
      return serverError(transient ? 503 : 500, requestId, cors);
    }
  };
}
