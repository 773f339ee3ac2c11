import { PASSWORD_POLICY } from '@wildrydes/contract';
import { RIDER_INDEX } from '@wildrydes/rides';
import { expect, it } from 'vitest';
import { cfnSchemas, checkTemplate, formatProblems, resourcesOfType, type Template } from '../src';

/**
 * What every deployable stage's template must satisfy; registered by the test file that packages
 * the stage (once, in its beforeAll). `expected` holds the stage's params.
 */
export interface StageExpectations {
  stage: string;
  webOrigin: string;
  throttle: { rate: number; burst: number };
  logRetentionInDays: number;
  deletionProtection: boolean;
  tracing: boolean;
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every IAM statement in the template: roles' inline policies and standalone policies. */
export function iamStatements(template: Template): Statement[] {
  const documents: { Statement: Statement[] }[] = [];
  for (const [, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
    for (const policy of (role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [])
      documents.push(policy.PolicyDocument);
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [, policy] of resourcesOfType(template, type))
      documents.push(policy.Properties!.PolicyDocument as { Statement: Statement[] });
  }
  return documents.flatMap((d) => d.Statement);
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** True when `resource` is a table's ARN (GetAtt Arn) or one of its indexes (that ARN + "/index/…"). */
/** The actions Lambda's event source mapping needs on a table's stream (and nothing else may use). */
const STREAM_READS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const isStreamRead = (statement: { Action: string | string[] }) => list(statement.Action).every((a) => STREAM_READS.includes(a));

function isTableArn(template: Template, resource: unknown, attribute: 'Arn' | 'StreamArn' = 'Arn'): boolean {
  const tables = new Set(resourcesOfType(template, 'AWS::DynamoDB::Table').map(([id]) => id));
  const getAtt = (value: unknown) => {
    const att = (value as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt'];
    return Array.isArray(att) && att[1] === attribute && tables.has(att[0]);
  };
  if (getAtt(resource)) return true;
  if (attribute === 'StreamArn') return false;
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && join[1].length === 2 && getAtt(join[1][0])) {
    return typeof join[1][1] === 'string' && /^\/index\/[A-Za-z0-9_.-]+$/.test(join[1][1]);
  }
  return false;
}

export function registerProductionChecks(expected: StageExpectations, get: () => Template): void {
  const template = () => get();
  const props = (id: string) => template().Resources[id]?.Properties ?? {};

  // The same check `pnpm run deploy` runs before sending the template. Errors fail; a warning (a
  // runtime deprecated within 180 days) is printed, not failed on: the suite must not start failing
  // on a date with no change to the code. The deprecation itself is an error, as a deploy would be.
  it("passes CloudFormation's own schemas: types, property names and types, references, runtimes", async () => {
    const { schemas } = await cfnSchemas();
    const { problems, checked } = checkTemplate(template(), schemas);
    for (const line of formatProblems(problems.filter((p) => p.severity === 'warning'))) console.warn(line);
    expect(formatProblems(problems.filter((p) => p.severity === 'error'))).toEqual([]);
    expect(checked.resources).toBe(Object.keys(template().Resources).length);
    expect(checked.properties).toBeGreaterThan(300);
    expect(checked.references).toBeGreaterThan(100);
  });

  it('puts a Cognito user-pool authorizer on every method that is not a preflight or the public API document', () => {
    const methods = resourcesOfType(template(), 'AWS::ApiGateway::Method');
    expect(methods.length).toBeGreaterThan(1);
    for (const [id, method] of methods) {
      const p = method.Properties!;
      const pathPart = template().Resources[(p.ResourceId as { Ref: string }).Ref]?.Properties?.PathPart;
      if (p.HttpMethod === 'OPTIONS' || (p.HttpMethod === 'GET' && pathPart === 'openapi.json')) {
        expect(p.AuthorizationType, id).toBe('NONE');
        continue;
      }
      expect(p.AuthorizationType, id).toBe('COGNITO_USER_POOLS');
      const authorizer = template().Resources[(p.AuthorizerId as { Ref: string }).Ref]!;
      expect(authorizer.Properties, id).toMatchObject({
        Type: 'COGNITO_USER_POOLS',
        ProviderARNs: [{ 'Fn::GetAtt': ['UserPool', 'Arn'] }],
      });
    }
  });

  it('scopes every DynamoDB permission to table ARNs: no wildcard actions or resources', () => {
    const dynamo = iamStatements(template()).filter((s) =>
      list(s.Action).some((a) => a.toLowerCase().startsWith('dynamodb:') || a === '*'),
    );
    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) {
      expect(statement.Effect).toBe('Allow');
      for (const action of list(statement.Action)) expect(action, JSON.stringify(statement)).toMatch(/^dynamodb:[A-Za-z]+$/);
      for (const resource of list(statement.Resource)) {
        expect(JSON.stringify(resource), 'a wildcard resource').not.toContain('*');
        // Stream reads (the live notifier's event source mapping) name a table's stream, never a table.
        expect(isTableArn(template(), resource, isStreamRead(statement) ? 'StreamArn' : 'Arn'), JSON.stringify(resource)).toBe(true);
      }
    }
    // No statement at all grants every action, or any action on every resource, except X-Ray's
    // (which has no resource-level permissions).
    for (const statement of iamStatements(template())) {
      expect(list(statement.Action)).not.toContain('*');
      if (list(statement.Resource).includes('*')) expect(list(statement.Action).every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });

  it('lets no function Scan a table but FleetCensus, the fleet only, every 5 minutes: every other read is by key or by index', () => {
    for (const [id, role] of resourcesOfType(template(), 'AWS::IAM::Role')) {
      const statements = ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (p) => p.PolicyDocument.Statement,
      );
      for (const statement of statements.filter((s) => list(s.Action).includes('dynamodb:Scan'))) {
        expect(id).toMatch(/^FleetCensus/);
        expect(list(statement.Action)).toEqual(['dynamodb:Scan']);
        expect(list(statement.Resource)).toEqual([{ 'Fn::GetAtt': ['UnicornsTable', 'Arn'] }]);
      }
    }
    const scans = iamStatements(template()).filter((s) => list(s.Action).includes('dynamodb:Scan'));
    expect(scans).toHaveLength(1);
    const scheduled = resourcesOfType(template(), 'AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(scheduled).toEqual([expect.objectContaining({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' })]);
  });

  it('lets the functions add, read and cancel rides, never scan them, and only DeleteAccount delete them; Query only on the rider index', () => {
    const onRides = (statements: Statement[]) =>
      statements.filter((s) => !isStreamRead(s) && list(s.Resource).some((r) => JSON.stringify(r).includes('"RidesTable"')));
    const all = onRides(iamStatements(template()));
    expect([...new Set(all.flatMap((s) => list(s.Action)))].sort()).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const deletes = (s: Statement) => list(s.Action).some((a) => a === 'dynamodb:DeleteItem' || a === 'dynamodb:BatchWriteItem');
    for (const [id, role] of resourcesOfType(template(), 'AWS::IAM::Role')) {
      const statements = ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (p) => p.PolicyDocument.Statement,
      );
      if (onRides(statements).some(deletes)) expect(id).toMatch(/^DeleteAccount/);
    }
    for (const statement of all.filter((s) => list(s.Action).includes('dynamodb:Query'))) {
      expect(list(statement.Action)).toEqual(['dynamodb:Query']);
      for (const resource of list(statement.Resource)) expect(JSON.stringify(resource)).toContain(`/index/${RIDER_INDEX.IndexName}`);
    }
  });

  it('answers the gateway’s own 4xx and 5xx with CORS headers for the web origin, never cached, never sniffed', () => {
    const responses = resourcesOfType(template(), 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties!);
    expect(responses.map((r) => r.ResponseType).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of responses) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': `'${expected.webOrigin}'`,
        'gatewayresponse.header.Access-Control-Allow-Headers': expect.stringContaining('Authorization'),
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
      });
    }
  });

  it('lets the gateway’s own 4xx/5xx allow exactly the headers every preflight allows (serverless.yml repeats the list)', () => {
    const preflights = resourcesOfType(template(), 'AWS::ApiGateway::Method')
      .map(
        ([, m]) =>
          m.Properties as {
            HttpMethod: string;
            Integration?: { IntegrationResponses?: { ResponseParameters?: Record<string, string> }[] };
          },
      )
      .filter((m) => m.HttpMethod === 'OPTIONS');
    expect(preflights.length).toBeGreaterThan(0);
    const allowed = new Set(
      preflights.map(
        (m) => m.Integration?.IntegrationResponses?.[0]?.ResponseParameters?.['method.response.header.Access-Control-Allow-Headers'],
      ),
    );
    expect(allowed.size).toBe(1);
    const responses = resourcesOfType(template(), 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties!);
    for (const response of responses) {
      expect((response.ResponseParameters as Record<string, string>)['gatewayresponse.header.Access-Control-Allow-Headers']).toBe(
        [...allowed][0],
      );
    }
  });

  it('publishes the gateway responses with the first deployment (the deployment waits for them)', () => {
    const deployments = resourcesOfType(template(), 'AWS::ApiGateway::Deployment');
    expect(deployments).toHaveLength(1);
    const deployment = deployments[0]![1] as { DependsOn?: string[]; Properties?: Record<string, unknown> };
    expect(deployment.DependsOn).toEqual(expect.arrayContaining(['GatewayResponseDefault4XX', 'GatewayResponseDefault5XX']));
    // The stage is its own resource (below), not created implicitly by the deployment.
    expect(deployment.Properties).not.toHaveProperty('StageName');
  });

  it(`throttles the stage at ${expected.throttle.rate} requests/s, bursts of ${expected.throttle.burst}`, () => {
    const stages = resourcesOfType(template(), 'AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(1);
    const [, stage] = stages[0]!;
    expect(stage.Properties).toMatchObject({ StageName: expected.stage, TracingEnabled: expected.tracing });
    expect(stage.Properties!.MethodSettings).toEqual([
      expect.objectContaining({
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingRateLimit: expected.throttle.rate,
        ThrottlingBurstLimit: expected.throttle.burst,
      }),
    ]);
  });

  it(`writes JSON access logs to a log group kept ${expected.logRetentionInDays} days`, () => {
    const [, stage] = resourcesOfType(template(), 'AWS::ApiGateway::Stage')[0]!;
    const access = stage.Properties!.AccessLogSetting as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const group = template().Resources[access.DestinationArn['Fn::GetAtt'][0]]!;
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties).toMatchObject({
      RetentionInDays: expected.logRetentionInDays,
      LogGroupName: `/aws/api-gateway/wildrydes-${expected.stage}-access`,
    });
    const format = JSON.parse(access.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
    });
    // API Gateway needs the account's CloudWatch role before a stage can log.
    expect((stage as { DependsOn?: string[] }).DependsOn).toContain('CustomApiGatewayAccountCloudWatchRole');
    expect(props('RequestUnicornLogGroup')).toMatchObject({ RetentionInDays: expected.logRetentionInDays });
  });

  it(expected.tracing ? 'traces the API and the function with X-Ray' : 'does not trace with X-Ray unless asked', () => {
    const tracing = props('RequestUnicornLambdaFunction').TracingConfig as { Mode: string } | undefined;
    if (expected.tracing) expect(tracing).toEqual({ Mode: 'Active' });
    else expect(tracing).toBeUndefined();
  });

  it('sends CORS for the web origin from the preflight and the function', () => {
    const [, options] = resourcesOfType(template(), 'AWS::ApiGateway::Method').find(([, m]) => m.Properties?.HttpMethod === 'OPTIONS')!;
    const integration = options.Properties!.Integration as { IntegrationResponses: { ResponseParameters: Record<string, string> }[] };
    expect(integration.IntegrationResponses[0]!.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe(
      `'${expected.webOrigin}'`,
    );
    const env = (props('RequestUnicornLambdaFunction').Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.ALLOWED_ORIGINS).toBe(expected.webOrigin);
  });

  it('signs history cursors with a secret generated for the stack, given to ListRides only and never written in the template', () => {
    const [secrets, secret] = [resourcesOfType(template(), 'AWS::SecretsManager::Secret'), props('CursorSecret')];
    expect(secrets.map(([id]) => id)).toEqual(['CursorSecret']);
    // Generated by Secrets Manager at creation, never a value of ours; named by CloudFormation so a
    // redeploy never collides with a removed stack's secret still pending deletion.
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret).not.toHaveProperty('SecretString');
    expect(secret).not.toHaveProperty('Name');
    const envOf = (fn: string) =>
      (props(`${fn}LambdaFunction`).Environment as { Variables: Record<string, unknown> } | undefined)?.Variables ?? {};
    // Resolved by CloudFormation at deploy time: the template holds only the reference.
    expect(envOf('ListRides').CURSOR_SECRET).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'CursorSecret' }, ':SecretString}}']],
    });
    for (const fn of ['RequestUnicorn', 'GetRide', 'OpenApi']) expect(envOf(fn), fn).not.toHaveProperty('CURSOR_SECRET');
  });

  it(`keeps rides safe: point-in-time recovery, KMS encryption, deletion protection ${expected.deletionProtection ? 'on' : 'off'}`, () => {
    const rides = template().Resources.RidesTable as { DeletionPolicy?: string; Properties: Record<string, unknown> };
    expect(rides.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      DeletionProtectionEnabled: expected.deletionProtection,
    });
    expect(rides.DeletionPolicy).toBe(expected.deletionProtection ? 'Retain' : 'Delete');
    for (const [id, table] of resourcesOfType(template(), 'AWS::DynamoDB::Table')) {
      expect(table.Properties!.SSESpecification, `${id} encrypted`).toMatchObject({ SSEEnabled: true });
    }
  });

  it('signs riders in by verified email, with a password policy, recovery by email and deletion protection per stage', () => {
    expect(props('UserPool')).toMatchObject({
      UserPoolName: `wildrydes-${expected.stage}`,
      DeletionProtection: expected.deletionProtection ? 'ACTIVE' : 'INACTIVE',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Policies: { PasswordPolicy: PASSWORD_POLICY },
    });
    expect((template().Resources.UserPool as { DeletionPolicy?: string }).DeletionPolicy).toBe(
      expected.deletionProtection ? 'Retain' : 'Delete',
    );
  });

  it('gives the web client no secret, SRP and refresh only (no password flow), tokens for 15 minutes, refresh for 7 days, the email only', () => {
    expect(props('UserPoolClient')).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 15,
      AccessTokenValidity: 15,
      RefreshTokenValidity: 7,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified'],
      WriteAttributes: ['email'],
    });
  });

  it('outputs what the web app needs: invoke URL, pool id, client id, region', () => {
    const outputs = template().Outputs ?? {};
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'Region']));
    expect(JSON.stringify(outputs.ApiUrl!.Value)).toContain(`/${expected.stage}"`);
    expect(outputs.UserPoolId!.Value).toEqual({ Ref: 'UserPool' });
    expect(outputs.UserPoolClientId!.Value).toEqual({ Ref: 'UserPoolClient' });
    expect(outputs.Region!.Value).toEqual({ Ref: 'AWS::Region' });
  });
}
