import { openApiDocument } from '@wildrydes/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfnSchemas, checkTemplate, formatProblems, type Packaged, packageService, resourcesOfType, type Template } from '../src';
import { registerObservabilityChecks } from './observability-checks';

const WEB_ORIGIN = 'https://main.d1a2b3c4d5e6f7.amplifyapp.com';
let packaged: Packaged;
let template: Template;

beforeAll(async () => {
  packaged = await packageService('prod', [
    `--param=webOrigin=${WEB_ORIGIN}`,
    '--param=sesIdentityArn=arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com',
    '--param=alarmEmail=oncall@wildrydes.example.com',
    '--param=sesFrom=Wild Rydes <no-reply@wildrydes.example.com>',
    '--param=api=http',
    // prod turns WAF on, which HTTP APIs cannot take: a prod HTTP API says so explicitly.
    '--param=waf=false',
  ]);
  template = packaged.template;
}, 180_000);
afterAll(() => packaged?.cleanup());

const props = (id: string) => template.Resources[id]?.Properties ?? {};
const httpRoutes = () =>
  resourcesOfType(template, 'AWS::ApiGatewayV2::Route')
    .map(([, r]) => r.Properties!)
    .filter((r) => JSON.stringify(r.ApiId) === JSON.stringify({ Ref: 'HttpApi' }));

describe('sls package --param="api=http": the same routes on an HTTP API', () => {
  registerObservabilityChecks({ stage: 'prod', api: 'http', alarmEmail: 'oncall@wildrydes.example.com' }, () => template);

  it('has an HTTP API and no REST API, nor its gateway responses', () => {
    expect(props('HttpApi')).toMatchObject({ ProtocolType: 'HTTP' });
    expect(resourcesOfType(template, 'AWS::ApiGateway::RestApi')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::ApiGateway::Method')).toEqual([]);
  });

  it('serves every route of the OpenAPI document, the rider routes behind a JWT authorizer on the pool and app client', () => {
    const documented = Object.entries(openApiDocument().paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(
      httpRoutes()
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(documented);
    const jwt = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer').filter(([, a]) => a.Properties?.AuthorizerType === 'JWT');
    expect(jwt).toHaveLength(1);
    const [authorizerId, authorizer] = jwt[0]!;
    expect(authorizer.Properties).toMatchObject({
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: 'UserPoolClient' }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'UserPool' }]] },
      },
    });
    for (const route of httpRoutes()) {
      if (route.RouteKey === 'GET /openapi.json') {
        expect(route.AuthorizationType ?? 'NONE', String(route.RouteKey)).toBe('NONE');
      } else {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
        expect(route.AuthorizerId, String(route.RouteKey)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('hands the functions the REST event shape (payload format 1.0), so one handler serves both', () => {
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')
      .map(([, i]) => i.Properties!)
      .filter((i) => JSON.stringify(i.ApiId) === JSON.stringify({ Ref: 'HttpApi' }));
    expect(integrations.length).toBe(httpRoutes().length);
    for (const integration of integrations) expect(integration.PayloadFormatVersion).toBe('1.0');
  });

  it('answers CORS for the web origin only, with the headers the REST API allows', () => {
    expect(props('HttpApi').CorsConfiguration).toEqual({
      AllowOrigins: [WEB_ORIGIN],
      AllowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Amz-Date', 'X-Amz-Security-Token'],
      AllowMethods: ['DELETE', 'GET', 'OPTIONS', 'POST'],
      MaxAge: 600,
    });
  });

  it('throttles and logs its stage as the REST stage is (prod: 100 a second, bursts of 200)', () => {
    expect(props('HttpApiStage')).toMatchObject({
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] } },
    });
  });

  it('tells the deploy the HTTP API’s URL', () => {
    expect(JSON.stringify(template.Outputs?.ApiUrl?.Value)).toMatch(/"https:\/\/",\{"Ref":"HttpApi"\}/);
  });

  it("passes CloudFormation's own schemas", async () => {
    const { schemas } = await cfnSchemas();
    const { problems } = checkTemplate(template, schemas);
    expect(formatProblems(problems.filter((p) => p.severity === 'error'))).toEqual([]);
  });
});
