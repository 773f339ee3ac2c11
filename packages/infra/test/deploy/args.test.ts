import { DEFAULT_FLEET_SIZE } from '@wildrydes/rides';
import { describe, expect, it } from 'vitest';
import { packageArgs, parseArgs, slsArgs, stackName, UsageError } from '../../src/deploy/args';

describe('parseArgs (pnpm run deploy / remove)', () => {
  it('takes the stage, the region from the environment, and passes the rest to sls', () => {
    const args = parseArgs('deploy', ['--', '--stage', 'dev', '--verbose'], { AWS_REGION: 'eu-west-1' });
    expect(args).toMatchObject({ command: 'deploy', stage: 'dev', region: 'eu-west-1', passthrough: ['--verbose'], writeConfig: true });
    expect(slsArgs(args)).toEqual(['deploy', '--stage', 'dev', '--region', 'eu-west-1', '--verbose']);
  });

  it('accepts --flag=value, several params and several config outputs', () => {
    const args = parseArgs('deploy', [
      '--stage=prod',
      '--region=eu-central-1',
      '--param=webOrigin=https://main.d1.amplifyapp.com',
      '--param',
      'tracing=true',
      '--config-out',
      'a/config.json',
      '--config-out=b/config.json',
    ]);
    expect(args.params).toEqual({ webOrigin: 'https://main.d1.amplifyapp.com', tracing: 'true' });
    expect(args.configOut).toEqual(['a/config.json', 'b/config.json']);
    expect(slsArgs(args)).toEqual([
      'deploy',
      '--stage',
      'prod',
      '--region',
      'eu-central-1',
      '--param=webOrigin=https://main.d1.amplifyapp.com',
      '--param=tracing=true',
    ]);
  });

  it('seeds the named fleet by default, and a fleet of any size with --fleet-size (not passed to sls)', () => {
    expect(parseArgs('deploy', ['--stage', 'dev']).fleetSize).toBe(DEFAULT_FLEET_SIZE);
    const args = parseArgs('deploy', ['--stage', 'dev', '--fleet-size', '10000']);
    expect(args.fleetSize).toBe(10_000);
    expect(slsArgs(args)).not.toContain('--fleet-size');
    for (const bad of ['0', '-5', '1.5', 'many', '2000000']) {
      expect(() => parseArgs('deploy', ['--stage', 'dev', `--fleet-size=${bad}`]), bad).toThrow(/--fleet-size must be a whole number/);
    }
    expect(() => parseArgs('remove', ['--stage', 'dev', '--fleet-size', '5'])).toThrow(/only applies to deploy/);
  });

  it('packages with the region and params only: the other flags are for the deploy', () => {
    const args = parseArgs('deploy', ['--stage', 'prod', '--param=webOrigin=https://main.d1.amplifyapp.com', '--force', '--verbose']);
    expect(packageArgs(args)).toEqual(['--region', 'us-east-1', '--param=webOrigin=https://main.d1.amplifyapp.com']);
  });

  it('takes a package made earlier for deploy only', () => {
    expect(parseArgs('deploy', ['--stage', 'dev', '--package', 'pkg']).packageDir).toBe('pkg');
    expect(() => parseArgs('remove', ['--stage', 'dev', '--package', 'pkg'])).toThrow(/only applies to deploy/);
  });

  it('defaults the region to us-east-1 like serverless.yml', () => {
    expect(parseArgs('remove', ['--stage', 'dev']).region).toBe('us-east-1');
    expect(parseArgs('remove', ['--stage', 'dev'], { AWS_DEFAULT_REGION: 'ap-southeast-2' }).region).toBe('ap-southeast-2');
  });

  it('refuses what would deploy the wrong thing, with one clear line', () => {
    const message = (argv: string[], command: 'deploy' | 'remove' = 'deploy') => {
      try {
        parseArgs(command, argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message.split('\n')[0];
      }
      throw new Error('no error');
    };
    expect(message([])).toMatch(/--stage is required/);
    expect(message(['--stage', 'local'])).toMatch(/offline stack/);
    expect(message(['--stage', 'Prod!'])).toMatch(/lowercase/);
    expect(message(['--stage', 'dev', '--region', 'mars'])).toMatch(/does not look like an AWS region/);
    expect(message(['--stage', 'prod'])).toBe(
      'stage prod needs the web app\'s origin: add --param="webOrigin=https://main.<appId>.amplifyapp.com"',
    );
    expect(message(['--stage', 'dev', '--param', 'nonsense'])).toMatch(/name=value/);
    expect(message(['--stage', 'dev', '--param=webOrigin='])).toBe('--param webOrigin is empty: give a value or leave the param out');
    expect(message(['--stage'])).toMatch(/--stage needs a value/);
    expect(message(['--stage', 'dev', '--config-out', 'x'], 'remove')).toMatch(/only applies to deploy/);
  });

  it('does not ask for webOrigin to remove prod', () => {
    expect(parseArgs('remove', ['--stage', 'prod']).stage).toBe('prod');
  });

  it('names the stack like the framework does', () => {
    expect(stackName('prod')).toBe('wildrydes-prod');
  });
});
