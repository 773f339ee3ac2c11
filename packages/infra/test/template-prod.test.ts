import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Packaged, packageService, resourcesOfType, type Template } from '../src';
import { slsBin } from '../src/deploy/aws';
import { registerObservabilityChecks } from './observability-checks';
import { registerProductionChecks } from './production-checks';

const WEB_ORIGIN = 'https://main.d1a2b3c4d5e6f7.amplifyapp.com';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/wildrydes-boundary';

let packaged: Packaged;
let template: Template;

beforeAll(async () => {
  // Tracing on too, to check the param reaches the API stage and the function.
  packaged = await packageService('prod', [
    `--param=webOrigin=${WEB_ORIGIN}`,
    '--param=sesIdentityArn=arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com',
    '--param=alarmEmail=oncall@wildrydes.example.com',
    '--param=sesFrom=Wild Rydes <no-reply@wildrydes.example.com>',
    '--param=tracing=true',
    `--param=permissionsBoundary=${BOUNDARY}`,
  ]);
  template = packaged.template;
}, 180_000);
afterAll(() => packaged?.cleanup());

describe('sls package --stage prod --param="webOrigin=…" (offline, no credentials)', () => {
  registerProductionChecks(
    {
      stage: 'prod',
      webOrigin: WEB_ORIGIN,
      throttle: { rate: 100, burst: 200 },
      logRetentionInDays: 90,
      deletionProtection: true,
      tracing: true,
    },
    () => template,
  );
  registerObservabilityChecks({ stage: 'prod', api: 'rest', alarmEmail: 'oncall@wildrydes.example.com' }, () => template);

  it('allows only the deployed web app’s origin, never *', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/Access-Control-Allow-Origin":"'\*'/);
    expect(text).not.toContain('"ALLOWED_ORIGINS":"*"');
  });

  it('puts AWS WAF in front of the API stage and the user pool: a per-IP rate limit and AWS’s common rules', () => {
    expect(template.Conditions?.WafOn).toEqual({ 'Fn::Equals': ['true', 'true'] });
    const acl = template.Resources.WebAcl!;
    expect(acl).toMatchObject({
      Type: 'AWS::WAFv2::WebACL',
      Condition: 'WafOn',
      Properties: { Scope: 'REGIONAL', DefaultAction: { Allow: {} } },
    });
    const rules = (acl.Properties!.Rules as { Name: string; Statement: Record<string, unknown> }[]).map((r) => [
      r.Name,
      Object.keys(r.Statement)[0],
    ]);
    expect(rules).toEqual([
      ['rate-per-ip', 'RateBasedStatement'],
      ['aws-common-rules', 'ManagedRuleGroupStatement'],
    ]);
    const associations = resourcesOfType(template, 'AWS::WAFv2::WebACLAssociation').map(([, a]) =>
      JSON.stringify(a.Properties?.ResourceArn),
    );
    expect(associations).toHaveLength(2);
    expect(
      associations.some((arn) => arn.includes('/restapis/') && arn.includes('{"Ref":"ApiGatewayRestApi"}') && arn.includes('/stages/prod')),
    ).toBe(true);
    expect(associations).toContain(JSON.stringify({ 'Fn::GetAtt': ['UserPool', 'Arn'] }));
  });

  it('sends Cognito’s emails through the SES identity the stage names', () => {
    expect(template.Resources.UserPool?.Properties?.EmailConfiguration).toEqual({
      'Fn::If': [
        'UseSes',
        {
          EmailSendingAccount: 'DEVELOPER',
          SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com',
          From: 'Wild Rydes <no-reply@wildrydes.example.com>',
        },
        { EmailSendingAccount: 'COGNITO_DEFAULT' },
      ],
    });
    expect(template.Conditions?.UseSes).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com', ''] }],
    });
  });

  it('puts every role it creates under the permissions boundary the stage names', () => {
    const roles = resourcesOfType(template, 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(5);
    for (const [id, role] of roles) expect(role.Properties?.PermissionsBoundary, id).toBe(BOUNDARY);
  });

  it('bounds RequestUnicorn’s concurrency, so one flood cannot take the account’s', () => {
    expect(template.Resources.RequestUnicornLambdaFunction?.Properties?.ReservedConcurrentExecutions).toBe(50);
  });

  it('names every resource after the stage', () => {
    expect(template.Resources.RidesTable!.Properties!.TableName).toBe('wildrydes-prod-rides');
    expect(template.Resources.UserPool!.Properties!.UserPoolName).toBe('wildrydes-prod');
    // Account-wide names: tables, functions, the API, the pool, log groups.
    const nameOf: Record<string, string> = {
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::ApiGateway::RestApi': 'Name',
      'AWS::Cognito::UserPool': 'UserPoolName',
      'AWS::Logs::LogGroup': 'LogGroupName',
    };
    let named = 0;
    for (const [id, r] of Object.entries(template.Resources)) {
      const key = nameOf[r.Type];
      const name = key ? r.Properties?.[key] : undefined;
      if (typeof name === 'string') {
        named++;
        expect(name, id).toMatch(/prod/);
      }
    }
    expect(named).toBeGreaterThanOrEqual(6);
  });
});

describe('sls package --stage prod without webOrigin', () => {
  const { rootDir } = readStackConfig();
  const slsCommand = (command: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, [slsBin(rootDir), command, '--stage', 'prod', ...args], {
      cwd: rootDir,
      // No credentials anywhere: an empty home.
      env: {
        PATH: process.env.PATH,
        HOME: tmpdir(),
        AWS_EC2_METADATA_DISABLED: 'true',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
    );
  const sls = (...args: string[]) => slsCommand('package', ...args);

  it('stops before packaging, naming the missing param in one line', async () => {
    const result = await sls('--package', '/nonexistent/never-written');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('stage prod needs the web app\'s origin: add --param="webOrigin=https://main.<appId>.amplifyapp.com"');
  });

  it('refuses * as the prod origin', async () => {
    const result = await sls('--param=webOrigin=*', '--package', '/nonexistent/never-written');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/webOrigin on prod must be https:\/\/host origins/);
  });

  it('does not need it to remove prod (stops only for the missing credentials)', async () => {
    const result = await slsCommand('remove');
    expect(result.code).not.toBe(0);
    expect(result.output).not.toContain('webOrigin');
    expect(result.output).toMatch(/credentials not found/i);
  });
});
