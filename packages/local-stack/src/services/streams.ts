import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * DynamoDB Streams offline, delivered the way Lambda's event source mapping does: the local stack
 * reads DynamoDB Local's own streams and invokes the same function AWS would run, through
 * serverless-offline's Lambda Invoke endpoint, in order per shard, in batches, retrying a failed
 * batch a few times before skipping it. No code of the function differs between AWS and here.
 */

/** One `stream` event of serverless.yml: which table's stream drives which function, and how. */
interface StreamSource {
  table: string;
  /** The function's deployed name, as serverless-offline's Invoke endpoint knows it. */
  functionName: string;
  batchSize: number;
  maximumRetryAttempts: number;
}

/** A stream record as Lambda hands it to a function (`event.Records[i]`). */
interface LambdaStreamRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: Record<string, unknown>;
  eventSourceARN: string;
}

/** Lambda's shape of a record: dates as epoch seconds, the ARN and region of the source. */
export function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): LambdaStreamRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...dynamodb,
    },
    eventSourceARN: streamArn,
  };
}

/** Splits records into batches of at most `size`, in order. */
export function batches<T>(records: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}

interface StreamReaderOptions {
  dynamodbEndpoint: string;
  /** serverless-offline's Lambda endpoint (`http://localhost:<lambda port>`). */
  lambdaEndpoint: string;
  region: string;
  sources: readonly StreamSource[];
  logFile: string;
  /** Pause between polls of a shard with nothing new (Lambda polls about 4 times a second; DynamoDB Local is on this machine). */
  pollMs?: number;
}

export interface StreamReader {
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The longest one invocation may take before it counts as failed (above any function's timeout). */
const INVOKE_TIMEOUT_MS = 60_000;

/**
 * Starts reading every source's stream from now (LATEST, as serverless.yml's `startingPosition`).
 * Resolves once every shard has its iterator, so a write made after this resolves is delivered.
 */
export async function startStreamReader(options: StreamReaderOptions): Promise<StreamReader> {
  const pollMs = options.pollMs ?? 100;
  const ddb = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials });
  const abort = new AbortController();
  const log = (message: string) => {
    mkdir(dirname(options.logFile), { recursive: true })
      .then(() => appendFile(options.logFile, `${new Date().toISOString()} ${message}\n`))
      .catch(() => {});
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  async function invoke(source: StreamSource, records: LambdaStreamRecord[]): Promise<void> {
    for (let attempt = 0; attempt <= source.maximumRetryAttempts; attempt++) {
      try {
        const response = await fetch(`${options.lambdaEndpoint}/2015-03-31/functions/${source.functionName}/invocations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
          body: JSON.stringify({ Records: records }),
          signal: AbortSignal.any([abort.signal, AbortSignal.timeout(INVOKE_TIMEOUT_MS)]),
        });
        const text = await response.text();
        if (response.ok && !response.headers.get('x-amz-function-error')) return;
        log(
          `${source.functionName} failed on ${records.length} records (try ${attempt + 1}): HTTP ${response.status} ${text.slice(0, 300)}`,
        );
      } catch (error) {
        if (abort.signal.aborted) return;
        log(`${source.functionName} could not be invoked (try ${attempt + 1}): ${(error as Error).message}`);
      }
    }
    log(`${source.functionName}: skipped ${records.length} records after ${source.maximumRetryAttempts + 1} tries`);
  }

  /**
   * Reads one shard until it closes or the reader stops. `skipExisting` starts after the records
   * already in it (LATEST, as serverless.yml asks): DynamoDB Local's own LATEST iterator on a shard
   * with no records yet fails for good ("read past the oldest stream record"), so the reader starts
   * from the shard's first record and passes over what is there before delivering anything.
   */
  async function readShard(
    source: StreamSource,
    streamArn: string,
    shardId: string,
    skipExisting: boolean,
    caughtUp: () => void = () => {},
  ): Promise<void> {
    let lastSequence: string | undefined;
    const iterator = async () =>
      (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ...(lastSequence
              ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: lastSequence }
              : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
          { abortSignal: abort.signal },
        )
      ).ShardIterator;
    let skipping = skipExisting;
    let next: string | undefined;
    try {
      next = await iterator();
    } catch (error) {
      if (!abort.signal.aborted) log(`no iterator for a shard of ${source.table}'s stream: ${(error as Error).message}`);
      caughtUp();
      return;
    }
    if (!skipping) caughtUp();
    while (next && !abort.signal.aborted) {
      let page: GetRecordsCommandOutput;
      // (a closed shard ends with no NextShardIterator: the shard watcher picks up its children)
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }), { abortSignal: abort.signal });
      } catch (error) {
        if (abort.signal.aborted) return;
        log(`reading ${source.table}'s stream failed: ${(error as Error).message}; going on from the last record read`);
        await sleep(pollMs);
        next = await iterator().catch(() => next);
        continue;
      }
      const records = page.Records ?? [];
      lastSequence = records.at(-1)?.dynamodb?.SequenceNumber ?? lastSequence;
      if (!skipping) {
        const events = records.map((r) => toLambdaRecord(r, streamArn, options.region));
        for (const batch of batches(events, source.batchSize)) await invoke(source, batch);
      }
      if (records.length === 0) {
        if (skipping) caughtUp();
        skipping = false;
        await sleep(pollMs);
      }
      next = page.NextShardIterator;
    }
  }

  /** Follows a table's stream: its open shards from LATEST, then any shard that opens after. */
  async function follow(source: StreamSource): Promise<() => Promise<void>> {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: source.table }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`The local table ${source.table} has no stream: serverless.yml reads its stream`);
    const started = new Set<string>();
    const running: Promise<void>[] = [];
    const startShards = async (atStart: boolean) => {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      const shards = (StreamDescription?.Shards ?? []).filter((shard) => shard.ShardId && !started.has(shard.ShardId));
      // At start only open shards matter, from their end (LATEST), and closed ones are history, never
      // read; a shard that opens later is read from its first record.
      if (atStart) for (const shard of shards) if (shard.SequenceNumberRange?.EndingSequenceNumber) started.add(shard.ShardId as string);
      for (const shard of atStart ? shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber) : shards) {
        const shardId = shard.ShardId as string;
        started.add(shardId);
        // Resolved once the shard's existing records are passed over: from then on every write is delivered.
        let caughtUp = () => {};
        const passed = new Promise<void>((resolve) => {
          caughtUp = resolve;
        });
        running.push(readShard(source, streamArn, shardId, atStart, caughtUp));
        await passed;
      }
    };
    await startShards(true);
    // New shards appear when DynamoDB Local closes one: look for them now and then.
    const watcher = (async () => {
      while (!abort.signal.aborted) {
        await sleep(5000);
        if (!abort.signal.aborted) await startShards(false).catch((error: Error) => log(`listing shards failed: ${error.message}`));
      }
    })();
    return async () => {
      await watcher;
      await Promise.all(running);
    };
  }

  let followers: (() => Promise<void>)[];
  try {
    followers = await Promise.all(options.sources.map(follow));
  } catch (error) {
    abort.abort();
    ddb.destroy();
    streams.destroy();
    throw error;
  }
  log(`reading the streams of ${options.sources.map((s) => s.table).join(', ')}`);
  return {
    async stop() {
      abort.abort();
      await Promise.all(followers.map((done) => done()));
      ddb.destroy();
      streams.destroy();
    },
  };
}
