#!/usr/bin/env node
/**
 * `pnpm fleet <size>`: seeds a fleet of `size` unicorns (the named ones, then herds over 20
 * cities; deterministic) into the running local stack (`pnpm dev` / `pnpm stack`; add
 * `--profile test` for the test stack). Unicorns already there keep their state. For AWS, the same
 * fleet: `pnpm run deploy -- --stage dev --fleet-size <size>`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { generateFleet } from '@wildrydes/rides';
import { seedFleet } from './bootstrap';
import { readStackConfig } from './config';
import { readStackFile } from './stack-file';

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const profileAt = args.indexOf('--profile');
  if (profileAt !== -1) {
    process.env.WILDRYDES_PROFILE = args[profileAt + 1];
    args.splice(profileAt, 2);
  }
  const size = Number(args[0]);
  if (!Number.isInteger(size) || size < 1) {
    console.error('usage: pnpm fleet <size> [--profile test]   (a whole number of unicorns, e.g. 10000)');
    return 2;
  }
  const config = readStackConfig();
  const stack = await readStackFile(config.localDir).catch(() => undefined);
  if (!stack) {
    console.error(`No local stack is running for the ${config.profile} profile: start it with \`pnpm dev\` (or \`pnpm stack\`) first.`);
    return 1;
  }
  const client = new DynamoDBClient({
    region: stack.dynamodb.region,
    endpoint: stack.dynamodb.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const started = Date.now();
    const added = await seedFleet(client, config.unicornsTable, generateFleet(size));
    console.log(`[wildrydes] fleet: ${added} unicorn(s) added to ${config.unicornsTable} (${size} in all), ${Date.now() - started} ms`);
    return 0;
  } finally {
    client.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
