/** Faults for tests to inject: a service of the stack frozen, slowed, or stopped and started again. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signalGroup } from '../processes';
import { startDynamoDb } from '../services/dynamodb';
import { readProcesses } from '../stack';
import { config } from './stack-access';

type ServiceName = 'dynamodb' | 'cognito' | 'api';
const processesFile = () => join(config.localDir, 'processes.json');
const pidOf = (service: ServiceName) => {
  const pid = readProcesses(processesFile())[service];
  if (!pid) throw new Error(`No ${service} process recorded in ${processesFile()}`);
  return pid;
};

/** Freezes a service (SIGSTOP): it accepts connections but answers nothing, like a hung server. */
export async function pauseService(service: ServiceName): Promise<void> {
  process.kill(pidOf(service), 'SIGSTOP');
}

/** Lets a paused service run again (SIGCONT). */
export async function resumeService(service: ServiceName): Promise<void> {
  process.kill(pidOf(service), 'SIGCONT');
}

/**
 * Slows a service without stopping it: freezes it (SIGSTOP) and lets it run (SIGCONT) in turn,
 * through `phases` of [frozen ms, running ms], repeated until `stop()`, which leaves it running
 * and resolves with how many times it was frozen.
 */
export function startDutyCycle(service: ServiceName, phases: readonly (readonly [number, number])[]): { stop(): Promise<number> } {
  if (phases.length === 0) throw new Error('A duty cycle needs at least one [frozen ms, running ms] phase');
  const pid = pidOf(service);
  let running = true;
  let freezes = 0;
  let wake: (() => void) | undefined;
  // Sleeps that stop() can cut short, so the service never stays frozen after the test moves on.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const cycle = (async () => {
    for (let i = 0; running; i++) {
      const [frozenMs, runningMs] = phases[i % phases.length] ?? [0, 0];
      process.kill(pid, 'SIGSTOP');
      freezes++;
      try {
        await sleep(frozenMs);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      if (running) await sleep(runningMs);
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await cycle;
      return freezes;
    },
  };
}

/** Stops DynamoDB Local outright (its data stays on disk) and waits until it is gone. */
export async function stopDynamoDb(): Promise<void> {
  const pid = pidOf('dynamodb');
  signalGroup(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts DynamoDB Local again on the same port and data, and records its PID so the stack's
 * own shutdown stops it. The API is not restarted: it must recover by itself.
 */
export async function restartDynamoDb(): Promise<void> {
  const service = await startDynamoDb(config, false);
  service.child.unref();
  const pids = readProcesses(processesFile());
  writeFileSync(processesFile(), `${JSON.stringify({ ...pids, dynamodb: service.child.pid })}\n`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
