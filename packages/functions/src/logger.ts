/**
 * One JSON line per event, with the request id, so CloudWatch Logs Insights (and grep) can
 * follow a request. Callers pass only what is safe to keep: never tokens or request bodies.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export function log(level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

/** The parts of an error worth logging: its kind and message, never a token it may quote. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  return { error: error.name, detail: error.message.slice(0, 300) };
}
