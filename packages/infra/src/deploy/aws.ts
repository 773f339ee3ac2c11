import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CallerIdentity } from './credentials';

/**
 * The AWS SDK v3 clients that the pinned Serverless Framework (osls) already ships and uses to
 * deploy: loading them from its dependencies keeps one SDK version for the framework and this
 * wrapper, and adds nothing to install. Only the calls used here are typed.
 */
export function frameworkRequire(rootDir: string): NodeJS.Require {
  const rootRequire = createRequire(join(rootDir, 'package.json'));
  return createRequire(rootRequire.resolve('serverless/package.json'));
}

export const slsBin = (rootDir: string) => {
  const rootRequire = createRequire(join(rootDir, 'package.json'));
  return join(dirname(rootRequire.resolve('serverless/package.json')), 'bin', 'serverless.js');
};

/** YAML parsing with the framework's own js-yaml (it reads serverless.yml with it). */
export function loadYaml(rootDir: string, text: string): unknown {
  const yaml = frameworkRequire(rootDir)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}

interface Sendable {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type ClientClass = new (config: Record<string, unknown>) => Sendable;
type CommandClass = new (input: Record<string, unknown>) => unknown;

function clientConfig(region: string) {
  // Fail fast: one retry, short connection timeout (the SDK's defaults wait minutes offline).
  return { region, maxAttempts: 2, requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 } };
}

export async function getCallerIdentity(rootDir: string, region: string): Promise<CallerIdentity> {
  const sts = frameworkRequire(rootDir)('@aws-sdk/client-sts') as { STSClient: ClientClass; GetCallerIdentityCommand: CommandClass };
  const client = new sts.STSClient(clientConfig(region));
  try {
    return (await client.send(new sts.GetCallerIdentityCommand({}))) as CallerIdentity;
  } finally {
    client.destroy();
  }
}

/** A stack's outputs as { OutputKey: OutputValue } (CloudFormation DescribeStacks). */
export async function stackOutputs(rootDir: string, region: string, stackName: string): Promise<Record<string, string>> {
  const cfn = frameworkRequire(rootDir)('@aws-sdk/client-cloudformation') as {
    CloudFormationClient: ClientClass;
    DescribeStacksCommand: CommandClass;
  };
  const client = new cfn.CloudFormationClient(clientConfig(region));
  try {
    const result = (await client.send(new cfn.DescribeStacksCommand({ StackName: stackName }))) as {
      Stacks?: { Outputs?: { OutputKey?: string; OutputValue?: string }[] }[];
    };
    const outputs: Record<string, string> = {};
    for (const o of result.Stacks?.[0]?.Outputs ?? []) if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
    return outputs;
  } finally {
    client.destroy();
  }
}
