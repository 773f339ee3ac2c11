import { type Deadline, DeadlineExceeded } from '@wildrydes/rides';
import type { Context } from 'aws-lambda';

/** A request's deadline while it runs; `stop()` once answered, so its timer does not linger. */
interface RunningDeadline extends Deadline {
  stop(): void;
}

/**
 * The invocation's deadline: the time Lambda (or serverless-offline, which gives the same
 * `getRemainingTimeInMillis`) has left for it, less `reserveMs` kept to send the answer before
 * the function is stopped and the API answers 504 on its behalf. The signal aborts at that point.
 */
export function startDeadline(context: Pick<Context, 'getRemainingTimeInMillis'>, reserveMs: number): RunningDeadline {
  const remainingMs = () => context.getRemainingTimeInMillis() - reserveMs;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceeded('The request ran out of time: what was still running was abandoned')),
    Math.max(0, remainingMs()),
  );
  return { remainingMs, signal: controller.signal, stop: () => clearTimeout(timer) };
}
