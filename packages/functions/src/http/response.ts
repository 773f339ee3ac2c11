import type { ErrorResponse } from '@wildrydes/contract';
import type { APIGatewayProxyResult } from 'aws-lambda';

export type Headers = Record<string, string>;

/**
 * On every answer: never stored by a browser or a proxy (a rider's rides are theirs and change by
 * the minute), and never read as anything but its declared type. serverless.yml's gateway
 * responses send the same two for the gateway's own errors.
 */
export const ANSWER_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function json(statusCode: number, body: unknown, headers: Headers = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...headers, ...ANSWER_HEADERS },
    body: JSON.stringify(body),
  };
}

/**
 * A 5xx of ours: a message for people, the workshop's `Error` and `Reference`, and never a stack
 * trace. A 503's Retry-After comes in `headers`: http/error-answers.ts says how long.
 */
export function serverError(statusCode: 500 | 503, reference: string, headers: Headers = {}): APIGatewayProxyResult {
  const message =
    statusCode === 503
      ? 'The ride service is briefly unavailable. Please try again in a moment.'
      : 'Something went wrong on our side. Please try again.';
  const body: ErrorResponse = { message, Error: message, Reference: reference };
  return json(statusCode, body, headers);
}

/** Header lookup that ignores case, as HTTP does (API Gateway passes names as the client sent them). */
export function header(headers: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
