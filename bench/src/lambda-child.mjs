// One Lambda container, imitated: a fresh Node process that imports a handler artefact and
// invokes it. Plain JavaScript, no loaders, so nothing but the artefact is measured.
//   node lambda-child.mjs <cold|warm> <artefact path> <events JSON file> [warm count]
// The file holds one event, or an array with one event per invocation (the first, then each timed
// one: since fair use every ride request must come from a rider without a ride on its way).
// Reports one JSON line on fd 3; the handler's own logs go to stdout/stderr (the parent drains them).
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mode, artefact, eventFile, countArg] = process.argv.slice(2);
const events = JSON.parse(readFileSync(eventFile, 'utf8'));
const eventOf = (i) => (Array.isArray(events) ? events[i % events.length] : events);
let requests = 0;
// Counted down from Lambda's longest timeout (15 minutes): the bench measures speed, and no
// invocation should be cut short by the function's deadline logic while it does.
const LAMBDA_MAX_TIMEOUT_MS = 900_000;
const context = () => {
  const deadline = performance.now() + LAMBDA_MAX_TIMEOUT_MS;
  return {
    awsRequestId: `bench-${process.pid}-${++requests}`,
    functionName: 'RequestUnicorn',
    functionVersion: '$LATEST',
    memoryLimitInMB: '512',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline - performance.now())),
  };
};

/** Calls an async handler, or a callback one (the workshop's), as the Lambda runtime does. */
function invoke(handler, event) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (error, result) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(result);
    };
    const returned = handler(event, context(), done);
    if (returned && typeof returned.then === 'function') returned.then((r) => done(null, r), done);
  });
}

const report = (data) => writeSync(3, `${JSON.stringify(data)}\n`);
// What an invocation answered: an HTTP route its status code; an authorizer its policy's effect;
// a stream or schedule handler, which answers no status, that it returned.
const outcome = (result) =>
  result?.statusCode ?? result?.policyDocument?.Statement?.[0]?.Effect ?? (result === undefined ? 'nothing' : 'returned');

const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(pathToFileURL(artefact).href);
const handler = mod.handler ?? mod.default?.handler;
const t1 = performance.now();
const first = await invoke(handler, eventOf(0));
const t2 = performance.now();
const c2 = process.cpuUsage(c0);

if (mode === 'cold') {
  report({
    importMs: t1 - t0,
    firstInvokeMs: t2 - t1,
    // Since the process started: Node's own start-up plus the above.
    sinceStartMs: t2,
    // CPU time (user + system) of import + first invocation: less sensitive to a busy machine.
    cpuMs: (c2.user + c2.system) / 1000,
    status: outcome(first),
    maxRssKb: process.resourceUsage().maxRSS,
  });
} else {
  const count = Number(countArg ?? 1000);
  const times = new Float64Array(count);
  const statuses = {};
  for (let i = 0; i < count; i++) {
    const event = eventOf(i + 1);
    const s = performance.now();
    const result = await invoke(handler, event);
    times[i] = performance.now() - s;
    statuses[outcome(result)] = (statuses[outcome(result)] ?? 0) + 1;
  }
  report({ firstStatus: outcome(first), statuses, times: Array.from(times), maxRssKb: process.resourceUsage().maxRSS });
}
