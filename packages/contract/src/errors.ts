import * as z from 'zod/mini';

/**
 * Every error body. `message` is API Gateway's own shape, so errors from the gateway
 * (for example its authorizer's 401) and from our functions read alike; 5xx bodies also keep
 * the workshop's `Error` and `Reference` (the request id to quote when reporting a problem).
 */
export const ErrorResponse = z.object({
  message: z.string(),
  Error: z.optional(z.string()),
  Reference: z.optional(z.string()),
  /** On a 409 (fair use, or an account deletion with a ride on its way): the rider's ride that is still active. */
  RideId: z.optional(z.string()),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
