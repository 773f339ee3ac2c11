import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openApiDocument } from '@wildrydes/contract';
import { readStackConfig, STREAM_CONSUMER, streamSources, USER_POOL_CLIENT_SETTINGS, USER_POOL_SETTINGS } from '@wildrydes/local-stack';
import { CONNECTION_RIDER_INDEX, TABLES, type TableDefinition, type TableName } from '@wildrydes/rides';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Packaged, packageService, resourcesOfType, type Template, templateToDeploy } from '../src';
import { registerObservabilityChecks } from './observability-checks';
import { iamStatements, registerProductionChecks } from './production-checks';

const run = promisify(execFile);

let packaged: Packaged;
let template: Template;

beforeAll(async () => {
  packaged = await packageService('dev');
  template = packaged.template;
}, 180_000);
afterAll(() => packaged?.cleanup());

const props = (name: string) => template.Resources[name]?.Properties ?? {};

describe('sls package --stage dev (offline, no credentials)', () => {
  it('ships one RequestUnicorn bundle', async () => {
    const zip = await stat(join(packaged.dir, 'RequestUnicorn.zip'));
    expect(zip.size).toBeGreaterThan(1000);
    expect(props('RequestUnicornLambdaFunction')).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'packages/functions/src/request-unicorn/handler.handler',
    });
  });

  it('packages each function on its own: its zip holds its bundle and nothing else', async () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith('Custom'));
    expect(functions.map(([id]) => id).sort()).toEqual([
      'CancelRideLambdaFunction',
      'DeleteAccountLambdaFunction',
      'FleetCensusLambdaFunction',
      'GetRideLambdaFunction',
      'ListRidesLambdaFunction',
      'LiveAuthorizerLambdaFunction',
      'LiveConnectLambdaFunction',
      'LiveDisconnectLambdaFunction',
      'LiveNotifierLambdaFunction',
      'LiveWatchLambdaFunction',
      'OpenApiLambdaFunction',
      'RequestUnicornLambdaFunction',
    ]);
    for (const [id, fn] of functions) {
      const zipName = String((fn.Properties?.Code as { S3Key: string } | undefined)?.S3Key)
        .split('/')
        .pop()!;
      const { stdout } = await run('unzip', ['-Z1', join(packaged.dir, zipName)]);
      const handlerModule = String(fn.Properties?.Handler).replace(/\.[^.]+$/, '.mjs');
      expect(stdout.trim().split('\n'), id).toEqual([handlerModule]);
    }
  });

  it('routes POST /ride through a Cognito user-pool authorizer reading Authorization, by Lambda proxy', () => {
    const [, method] = resourcesOfType(template, 'AWS::ApiGateway::Method').find(
      ([, m]) => m.Properties?.HttpMethod === 'POST' && props((m.Properties.ResourceId as { Ref: string }).Ref).PathPart === 'ride',
    )!;
    expect(method.Properties).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', Integration: { Type: 'AWS_PROXY' } });
    const authorizerName = (method.Properties!.AuthorizerId as { Ref: string }).Ref;
    expect(props(authorizerName)).toMatchObject({
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': ['UserPool', 'Arn'] }],
    });
    const resource = props((method.Properties!.ResourceId as { Ref: string }).Ref);
    expect(resource.PathPart).toBe('ride');
  });

  it('answers preflights on /ride without an authorizer', () => {
    const [, options] = resourcesOfType(template, 'AWS::ApiGateway::Method').find(([, m]) => m.Properties?.HttpMethod === 'OPTIONS')!;
    expect(options.Properties).toMatchObject({ AuthorizationType: 'NONE' });
  });

  it('adds CORS headers to the gateway’s own 4xx and 5xx answers', () => {
    const responses = resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties!);
    expect(responses.map((r) => r.ResponseType).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of responses) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': expect.stringMatching(/^'.+'$/),
        'gatewayresponse.header.Access-Control-Allow-Headers': expect.stringContaining('Authorization'),
      });
    }
  });

  /** Each table of serverless.yml by the name it ends in, defined once in @wildrydes/rides (tables.ts). */
  const logicalId = (name: TableName) => `${name[0]!.toUpperCase()}${name.slice(1)}Table`;
  const localTables: [string, string, TableDefinition][] = Object.entries(TABLES).map(([name, table]) => [
    logicalId(name as TableName),
    name,
    table,
  ]);
  it('declares every table the stores use and the local stack creates, and only those, with the same keys, indexes, streams and TTL', () => {
    expect(
      resourcesOfType(template, 'AWS::DynamoDB::Table')
        .map(([id]) => id)
        .sort(),
    ).toEqual(localTables.map(([id]) => id).sort());
    for (const [id, name, local] of localTables) {
      const keys = [local.key, ...(local.sortKey ? [local.sortKey] : [])];
      const table = props(id);
      expect(table.TableName, id).toBe(`wildrydes-dev-${name}`);
      expect(table.BillingMode, id).toBe('PAY_PER_REQUEST');
      expect(table.KeySchema, id).toEqual(keys.map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })));
      expect(table.AttributeDefinitions, id).toEqual(
        expect.arrayContaining(keys.map(({ AttributeName, AttributeType }) => ({ AttributeName, AttributeType }))),
      );
      expect(table.GlobalSecondaryIndexes ?? [], id).toEqual(
        (local.indexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
      );
      expect(table.StreamSpecification, id).toEqual(local.stream ? { StreamViewType: local.stream } : undefined);
      expect(table.TimeToLiveSpecification, id).toEqual(local.ttl ? { AttributeName: local.ttl, Enabled: true } : undefined);
    }
  });

  it('drives the same function from the same streams, in the same batches, as the local stack’s stream reader', () => {
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties!);
    const local = streamSources(readStackConfig({}));
    expect(mappings).toHaveLength(local.length);
    for (const source of local) {
      const table = localTables.find(([, name]) => source.table === `wildrydes-local-${name}`)?.[0];
      const mapping = mappings.find((m) => JSON.stringify(m.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [table, 'StreamArn'] }));
      expect(mapping, source.table).toMatchObject({
        FunctionName: { 'Fn::GetAtt': [`${STREAM_CONSUMER.function}LambdaFunction`, 'Arn'] },
        BatchSize: source.batchSize,
        MaximumRetryAttempts: source.maximumRetryAttempts,
      });
      expect(source.functionName).toBe(`wildrydes-local-${STREAM_CONSUMER.function}`);
    }
  });

  it('grants Queries only on indexes the tables declare', () => {
    const granted = iamStatements(template)
      .flatMap((statement) => [statement.Resource].flat())
      .map((resource) => JSON.stringify(resource).match(/"Fn::GetAtt":\["(\w+)","Arn"\]\},"\/index\/(\w+)"/))
      .filter((match) => match !== null)
      .map(([, table, index]) => `${table}/${index}`);
    expect(granted.length).toBeGreaterThan(0);
    const declared = localTables.flatMap(([id, , table]) => (table.indexes ?? []).map((i) => `${id}/${i.IndexName}`));
    for (const index of granted) expect(declared).toContain(index);
  });

  it('declares a user pool signing in by verified email, with the settings the local pool uses', () => {
    expect(props('UserPool')).toMatchObject({
      UsernameAttributes: [...USER_POOL_SETTINGS.UsernameAttributes],
      AutoVerifiedAttributes: [...USER_POOL_SETTINGS.AutoVerifiedAttributes],
      Policies: USER_POOL_SETTINGS.Policies,
      MfaConfiguration: USER_POOL_SETTINGS.MfaConfiguration,
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(props('UserPoolClient')).toMatchObject({
      GenerateSecret: false,
      UserPoolId: { Ref: 'UserPool' },
      RefreshTokenRotation: USER_POOL_CLIENT_SETTINGS.RefreshTokenRotation,
    });
  });

  it('hands the function its table, pool and client', () => {
    const env = (props('RequestUnicornLambdaFunction').Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({
      RIDES_TABLE: 'wildrydes-dev-rides',
      UNICORNS_TABLE: 'wildrydes-dev-unicorns',
      RIDERS_TABLE: 'wildrydes-dev-riders',
      MAX_WAIT_MINUTES: '30',
      USER_POOL_ID: { Ref: 'UserPool' },
      // Filled by `pnpm run deploy` from the deployed pool; empty for a package made by hand.
      ID_TOKEN_JWKS: '',
      USER_POOL_CLIENT_ID: { Ref: 'UserPoolClient' },
    });
  });
});

describe('the template `pnpm run deploy` checks', () => {
  it('is the one `sls deploy --package` sends (restored from serverless-state.json)', async () => {
    expect(await templateToDeploy(packaged.dir)).toEqual(template);
  });
});

describe('sls package --stage dev: production settings at dev scale', () => {
  registerProductionChecks(
    { stage: 'dev', webOrigin: '*', throttle: { rate: 20, burst: 40 }, logRetentionInDays: 14, deletionProtection: false, tracing: false },
    () => template,
  );
  registerObservabilityChecks({ stage: 'dev', api: 'rest' }, () => template);
});

describe('serverless.yml and the OpenAPI document', () => {
  /** Every `METHOD /path` API Gateway will serve, preflights aside, from the packaged template. */
  function routes(): string[] {
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      if (!id) return ''; // the API's root resource
      const resource = template.Resources[id]!.Properties!;
      return `${pathOf(resource.ParentId)}/${resource.PathPart as string}`;
    };
    return resourcesOfType(template, 'AWS::ApiGateway::Method')
      .map(([, m]) => m.Properties!)
      .filter((p) => p.HttpMethod !== 'OPTIONS')
      .map((p) => `${p.HttpMethod as string} ${pathOf(p.ResourceId)}`)
      .sort();
  }

  it('lists every route of serverless.yml in the document, and nothing else', () => {
    const documented = Object.entries(openApiDocument().paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(routes()).toEqual(documented);
  });
});

describe('least privilege, per function', () => {
  /** `Function → sorted "action on table" strings` of each function's own role, DynamoDB only. */
  function dynamoGrants(): Record<string, string[]> {
    const grants: Record<string, string[]> = {};
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = (template.Resources[roleId]!.Properties!.Policies ?? []) as {
        PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] };
      }[];
      grants[id.replace(/LambdaFunction$/, '')] = policies
        .flatMap((p) => p.PolicyDocument.Statement)
        .flatMap((s) =>
          s.Action.filter((a) => a.startsWith('dynamodb:')).flatMap((a) =>
            s.Resource.map(
              (r) =>
                `${a} ${JSON.stringify(r).match(/"(\w+Table)"/)?.[1]}${JSON.stringify(r).includes('/index/') ? ' index' : ''}${JSON.stringify(r).includes('StreamArn') ? ' stream' : ''}`,
            ),
          ),
        )
        .sort();
    }
    return grants;
  }

  it('gives each function its own role with only the DynamoDB actions it uses', () => {
    expect(dynamoGrants()).toMatchObject({
      RequestUnicorn: [
        'dynamodb:GetItem IdempotencyTable',
        'dynamodb:GetItem RidersTable',
        'dynamodb:PutItem IdempotencyTable',
        'dynamodb:PutItem RidersTable',
        'dynamodb:PutItem RidesTable',
        'dynamodb:Query UnicornsTable index',
        'dynamodb:UpdateItem UnicornsTable',
      ],
      CancelRide: [
        'dynamodb:GetItem RidesTable',
        'dynamodb:UpdateItem RidersTable',
        'dynamodb:UpdateItem RidesTable',
        'dynamodb:UpdateItem UnicornsTable',
      ],
      ListRides: ['dynamodb:Query RidesTable index'],
      GetRide: ['dynamodb:GetItem RidesTable'],
      // The one Scan: the fleet counted for the dashboard, off the request path.
      FleetCensus: ['dynamodb:Scan UnicornsTable'],
      // Closes the rider's record, reads their rides from the index, deletes them with their claims.
      DeleteAccount: [
        'dynamodb:BatchWriteItem IdempotencyTable',
        'dynamodb:BatchWriteItem RidesTable',
        'dynamodb:DeleteItem IdempotencyTable',
        'dynamodb:DeleteItem RidesTable',
        'dynamodb:PutItem RidersTable',
        'dynamodb:Query RidesTable index',
      ],
      OpenApi: [],
      // The live API: the authorizer touches no table; the notifier reads the two streams, finds
      // a rider's connections and a cell's watchers, and forgets gone connections.
      LiveAuthorizer: [],
      LiveConnect: ['dynamodb:PutItem ConnectionsTable'],
      LiveDisconnect: ['dynamodb:DeleteItem ConnectionsTable', 'dynamodb:DeleteItem WatchesTable'],
      LiveWatch: [
        'dynamodb:DeleteItem WatchesTable',
        'dynamodb:PutItem WatchesTable',
        'dynamodb:Query UnicornsTable index',
        'dynamodb:UpdateItem ConnectionsTable',
      ],
      LiveNotifier: [
        'dynamodb:DeleteItem ConnectionsTable',
        'dynamodb:DeleteItem WatchesTable',
        'dynamodb:DescribeStream RidesTable stream',
        'dynamodb:DescribeStream UnicornsTable stream',
        'dynamodb:GetRecords RidesTable stream',
        'dynamodb:GetRecords UnicornsTable stream',
        'dynamodb:GetShardIterator RidesTable stream',
        'dynamodb:GetShardIterator UnicornsTable stream',
        'dynamodb:ListStreams RidesTable stream',
        'dynamodb:ListStreams UnicornsTable stream',
        'dynamodb:Query ConnectionsTable index',
        'dynamodb:Query WatchesTable',
      ],
    });
  });
});

describe('DELETE /me', () => {
  it('is a rider route behind the pool’s authorizer, and only its function may delete Cognito users, of this pool only', () => {
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties?.HttpMethod === 'DELETE');
    expect(methods).toHaveLength(1);
    expect(methods[0]![1].Properties).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS' });
    const cognitoGrants = resourcesOfType(template, 'AWS::IAM::Role').flatMap(([id, role]) =>
      ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } }[])
        .flatMap((p) => p.PolicyDocument.Statement)
        .filter((statement) => statement.Action.some((action) => action.startsWith('cognito-idp:')))
        .map((statement) => ({ id, ...statement })),
    );
    expect(cognitoGrants).toEqual([
      {
        id: expect.stringMatching(/^DeleteAccount/),
        Effect: 'Allow',
        Action: ['cognito-idp:AdminDeleteUser'],
        Resource: [{ 'Fn::GetAtt': ['UserPool', 'Arn'] }],
      },
    ]);
  });

  it('keeps a deleted account’s rider record only until DynamoDB’s TTL forgets it', () => {
    expect(props('RidersTable').TimeToLiveSpecification).toEqual({ AttributeName: 'ExpiresAt', Enabled: true });
  });
});

describe('a dev stage', () => {
  it('leaves AWS WAF off (it costs money) and RequestUnicorn’s concurrency unreserved (new accounts have little to reserve)', () => {
    expect(template.Conditions?.WafOn).toEqual({ 'Fn::Equals': ['false', 'true'] });
    for (const [, resource] of resourcesOfType(template, 'AWS::WAFv2::WebACL')) expect(resource.Condition).toBe('WafOn');
    for (const [, resource] of resourcesOfType(template, 'AWS::WAFv2::WebACLAssociation')) expect(resource.Condition).toBe('WafOn');
    expect(props('RequestUnicornLambdaFunction').ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('the live rides WebSocket API', () => {
  const routes = () =>
    resourcesOfType(template, 'AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties!)
      .sort((a, b) => String(a.RouteKey).localeCompare(String(b.RouteKey)));

  it('has $connect behind a REQUEST authorizer on ?token=, $disconnect, and watch', () => {
    expect(resourcesOfType(template, 'AWS::ApiGatewayV2::Api').map(([, a]) => a.Properties)).toMatchObject([{ ProtocolType: 'WEBSOCKET' }]);
    expect(routes().map((r) => [r.RouteKey, r.AuthorizationType ?? 'NONE'])).toEqual([
      ['$connect', 'CUSTOM'],
      ['$disconnect', 'NONE'],
      ['watch', 'NONE'],
    ]);
    const [authorizer] = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer').map(([, a]) => a);
    expect(authorizer?.Properties).toMatchObject({ AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'] });
    expect(JSON.stringify(authorizer?.Properties?.AuthorizerUri)).toContain('LiveAuthorizerLambdaFunction');
  });

  it('streams every ride and unicorn write, old and new images, to the notifier', () => {
    for (const table of ['RidesTable', 'UnicornsTable']) {
      expect(props(table).StreamSpecification, table).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
      const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
        JSON.stringify(m.Properties?.EventSourceArn).includes(`"${table}"`),
      );
      expect(mappings, table).toHaveLength(1);
      expect(mappings[0]?.[1].Properties).toMatchObject({
        FunctionName: { 'Fn::GetAtt': ['LiveNotifierLambdaFunction', 'Arn'] },
        StartingPosition: 'LATEST',
        MaximumRetryAttempts: 2,
        BisectBatchOnFunctionError: true,
      });
    }
  });

  it('keeps connections and watches in tables DynamoDB forgets by TTL', () => {
    for (const table of ['ConnectionsTable', 'WatchesTable']) {
      expect(props(table).TimeToLiveSpecification, table).toEqual({ AttributeName: 'ExpiresAt', Enabled: true });
    }
    const [index] = props('ConnectionsTable').GlobalSecondaryIndexes as { IndexName: string }[];
    expect(index?.IndexName).toBe(CONNECTION_RIDER_INDEX.IndexName);
  });

  it('lets only the watch route and the notifier post to connections, of this stage’s live API only', () => {
    const posters: string[] = [];
    // Every role, not only the functions': the framework's shared default role would grant it on every API.
    for (const [roleId] of resourcesOfType(template, 'AWS::IAM::Role')) {
      const statements = (
        (template.Resources[roleId]!.Properties!.Policies ?? []) as {
          PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] };
        }[]
      )
        .flatMap((p) => p.PolicyDocument.Statement)
        .filter((s) => s.Action.some((a) => a.startsWith('execute-api:')));
      if (statements.length === 0) continue;
      posters.push(roleId);
      for (const statement of statements) {
        expect(statement.Action).toEqual(['execute-api:ManageConnections']);
        for (const resource of statement.Resource) {
          const text = JSON.stringify(resource);
          expect(text).toContain('{"Ref":"WebsocketsApi"}');
          expect(text).toMatch(/\/dev\/POST\/@connections\/\*"/);
        }
      }
    }
    expect(posters.sort()).toEqual(['LiveNotifierIamRoleLambdaExecution', 'LiveWatchIamRoleLambdaExecution']);
  });

  it('throttles its stage as the REST stage is (dev: 20 a second, bursts of 40)', () => {
    const [stage] = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage').map(([, s]) => s.Properties!);
    expect(stage).toMatchObject({
      ApiId: { Ref: 'WebsocketsApi' },
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('tells the functions where to post, and the deployer where to connect', () => {
    const env = (name: string) => (props(`${name}LambdaFunction`).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env('LiveNotifier').LIVE_ENDPOINT)).toMatch(/"https:\/\/".*WebsocketsApi.*\/dev"/);
    expect(JSON.stringify(template.Outputs?.LiveUrl?.Value)).toMatch(/"wss:\/\/".*WebsocketsApi.*\/dev"/);
  });
});
