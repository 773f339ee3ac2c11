import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { checkedDeploy, type DeploySteps } from '../../src/deploy/checked-deploy';
import type { Problem } from '../../src/template-check';
import { fakePackage } from './fake-package';

/** Steps that record what ran, in order; nothing touches AWS or the framework. */
function fakeSteps(problems: Problem[], deployCode = 0) {
  const calls: string[] = [];
  const lines: string[] = [];
  const steps: DeploySteps = {
    packageService: async () => {
      calls.push('package');
      return { dir: '/tmp/pkg', template: { Resources: {} }, cleanup: async () => void calls.push('cleanup') };
    },
    check: async () => {
      calls.push('check');
      return { problems, summary: 'template checked' };
    },
    ensureCredentials: async () => void calls.push('credentials'),
    deploy: async (dir) => {
      calls.push(`deploy ${dir}`);
      return deployCode;
    },
    say: (line) => void lines.push(line),
  };
  return { steps, calls, lines };
}

const problem = (severity: Problem['severity'], message: string): Problem => ({
  severity,
  kind: 'unknown-property',
  at: 'Resources.X',
  message,
});

describe('pnpm run deploy: package, check, then deploy that package', () => {
  it('stops before any AWS call on a problem, one line each, and cleans up', async () => {
    const { steps, calls, lines } = fakeSteps([problem('error', 'has no property Foo'), problem('error', 'requires Bar')]);
    expect(await checkedDeploy(steps)).toBe(1);
    expect(calls).toEqual(['package', 'check', 'cleanup']);
    expect(lines).toEqual([
      'error: Resources.X: has no property Foo',
      'error: Resources.X: requires Bar',
      'the template has 2 problems CloudFormation would refuse: nothing was sent to AWS',
    ]);
  });

  it('deploys the very package it checked, and prints warnings without stopping', async () => {
    const { steps, calls, lines } = fakeSteps([problem('warning', 'nodejs22.x is deprecated soon')], 0);
    expect(await checkedDeploy(steps)).toBe(0);
    expect(calls).toEqual(['package', 'check', 'credentials', 'deploy /tmp/pkg', 'cleanup']);
    expect(lines).toEqual(['warning: Resources.X: nodejs22.x is deprecated soon', 'template checked']);
  });

  it("passes the framework's exit code on", async () => {
    const { steps, calls } = fakeSteps([], 3);
    expect(await checkedDeploy(steps)).toBe(3);
    expect(calls.at(-1)).toBe('cleanup');
  });
});

describe('pnpm run deploy with a template CloudFormation would refuse', () => {
  it('prints one line per problem and stops before any AWS call (no credentials needed to see them)', async () => {
    const { rootDir } = readStackConfig();
    const dir = await fakePackage({
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], TableNme: 't' } },
      },
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Table', 'Arm'] } } },
    });
    try {
      const result = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(rootDir, 'packages/infra/src/cli.ts'), 'deploy', '--stage', 'dev', '--package', dir],
        // No credentials anywhere: had it called AWS first, it would say so instead.
        { cwd: rootDir, env: { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' }, timeout: 30_000 },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        'error: Resources.Table.Properties.TableNme: AWS::DynamoDB::Table has no property TableNme (did you mean TableName?)',
        'error: Outputs.Arn.Value: Fn::GetAtt reads Table.Arm, but AWS::DynamoDB::Table has no attribute Arm (did you mean Arn?)',
        'the template has 2 problems CloudFormation would refuse: nothing was sent to AWS',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
