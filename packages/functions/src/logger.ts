import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/**
 * One JSON line per event, from Powertools' Logger: the service, the Lambda request id and a
 * cold-start flag on every line (once `withContext` is called), and debug lines for a sampled share
 * of invocations (POWERTOOLS_LOGGER_SAMPLE_RATE, set in serverless.yml). Callers add the request id
 * as `requestId` (the `Reference` a rider sees) and only what is safe to keep: never tokens or bodies.
 */
const logger = new Logger();

type LogFields = Record<string, string | number | boolean | undefined>;

export function log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  logger[level](message, fields);
}

/**
 * Starts an invocation's log context: its request id and whether it is a cold start. Lambda runs
 * one invocation at a time per container; the local stack runs a function's invocations in one
 * process, so there the `requestId` each line carries is the one to follow.
 */
export function withContext(context: Pick<Context, 'awsRequestId'> & Partial<Context>): void {
  logger.addContext(context as Context);
  logger.refreshSampleRateCalculation();
}

/** The parts of an error worth logging: its kind and message, never a token it may quote. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  return { error: error.name, detail: error.message.slice(0, 300) };
}
