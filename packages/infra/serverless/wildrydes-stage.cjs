'use strict';
/**
 * A local Serverless plugin (listed in serverless.yml) for what the framework cannot express:
 *
 * 1. Checks the stage's parameters before anything is packaged or deployed, with one clear line:
 *    `prod` needs `--param="webOrigin=https://…"` (the deployed web app's origin, never `*`).
 * 2. Gives the REST API an explicit `AWS::ApiGateway::Stage` with throttling (rate and burst),
 *    access logs to a log group with retention, and optional X-Ray tracing — all in the template.
 *    The framework would apply tracing and logs with SDK calls after the deploy (invisible to
 *    `sls package`) and has no stage throttling at all. So `provider.logs.restApi`,
 *    `provider.tracing.apiGateway` and `provider.tags` must stay unset: they would trigger
 *    those SDK calls and fight this resource.
 * 3. Makes the deployment wait for the CORS gateway responses, so a first deploy publishes them.
 * 4. Adds the dashboard and, when the stage turns them on, the alarms (observability.cjs).
 *
 * Stacks whose stage was created by the framework's implicit deployment stage (none exist for
 * this project) would have to be removed once before deploying this explicit stage.
 *
 * Settings come from `custom.wildrydes` in serverless.yml. The `local` stage (serverless-offline)
 * is left alone.
 */
const path = require('node:path');
const { checkAlarmSettings, observabilityResources } = require('./observability.cjs');

const ORIGIN = /^https?:\/\/[^/\s*,]+$/;

/** Returns the problems with a stage's settings; empty when it may be packaged or deployed. */
function checkSettings(stage, settings) {
  const problems = [];
  const origins = String(settings.webOrigin ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // One origin: the preflight and the gateway responses send it as Access-Control-Allow-Origin.
  if (origins.length > 1) problems.push(`webOrigin must be one origin (got "${settings.webOrigin}")`);
  if (stage === 'prod') {
    if (origins.length === 0) {
      problems.push('stage prod needs the web app\'s origin: add --param="webOrigin=https://main.<appId>.amplifyapp.com"');
    } else if (origins.some((o) => !ORIGIN.test(o) || !o.startsWith('https://'))) {
      problems.push(`webOrigin on prod must be https://host origins without a path or "*" (got "${settings.webOrigin}")`);
    }
  } else if (origins.length === 0) {
    problems.push('webOrigin is empty: pass --param="webOrigin=https://…", or leave it out for "*"');
  } else if (origins.some((o) => o !== '*' && !ORIGIN.test(o))) {
    problems.push(`webOrigin must be "*" or http(s)://host origins without a path (got "${settings.webOrigin}")`);
  }
  for (const name of ['throttleRate', 'throttleBurst']) {
    const value = Number(settings[name]);
    if (!Number.isFinite(value) || value <= 0) problems.push(`${name} must be a positive number (got "${settings[name]}")`);
  }
  if (!['true', 'false'].includes(String(settings.tracing))) {
    problems.push(`tracing must be true or false (got "${settings.tracing}")`);
  }
  // What only the offline stack may use: its own endpoints, and the password sign-in flow.
  if (stage !== 'local') {
    for (const name of ['cognitoEndpoint', 'dynamodbEndpoint']) {
      if (settings[name])
        problems.push(`${name} is for the local stage only: AWS stages use the region's endpoints (got "${settings[name]}")`);
    }
    if (String(settings.allowPasswordAuth) === 'true') {
      problems.push('allowPasswordAuth=true is for the local stage only: AWS stages sign in with SRP');
    }
  }
  if (!['true', 'false'].includes(String(settings.waf ?? 'false'))) problems.push(`waf must be true or false (got "${settings.waf}")`);
  else if (String(settings.waf) === 'true' && settings.api === 'http') problems.push('waf=true needs api=rest: HTTP APIs take no AWS WAF');
  if (settings.permissionsBoundary && !/^arn:aws[\w-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/.test(String(settings.permissionsBoundary))) {
    problems.push(`permissionsBoundary must be an IAM policy ARN (got "${settings.permissionsBoundary}")`);
  }
  const ses = String(settings.sesIdentityArn ?? '');
  if (ses && !/^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/.+$/.test(ses)) {
    problems.push(`sesIdentityArn must be an SES identity ARN (got "${ses}")`);
  } else if (ses && !/^[^@\s]+@[^@\s]+$/.test(String(settings.sesFrom ?? '').replace(/^.*<(.+)>$/, '$1'))) {
    problems.push('sesFrom must be the address to send from, e.g. "Wild Rydes <no-reply@example.com>"');
  } else if (!ses && stage === 'prod') {
    problems.push(
      'stage prod sends its emails through SES: add --param="sesIdentityArn=arn:aws:ses:<region>:<account>:identity/<domain>" and --param="sesFrom=no-reply@<domain>"',
    );
  }
  const concurrency = Number(settings.requestUnicornConcurrency ?? 0);
  if (!Number.isInteger(concurrency) || concurrency < 0) {
    problems.push(`requestUnicornConcurrency must be a whole number, 0 for none (got "${settings.requestUnicornConcurrency}")`);
  }
  problems.push(...checkAlarmSettings(settings));
  if (!API_KINDS.includes(String(settings.api))) {
    problems.push(`api must be ${API_KINDS.join(' or ')} (got "${settings.api}")`);
  } else if (settings.api === 'http' && String(settings.tracing) === 'true') {
    problems.push('tracing=true needs api=rest: HTTP APIs send no traces to X-Ray');
  }
  return problems;
}

/** The kinds of API serverless.yml's routes can be deployed as (`--param="api=…"`); REST is the default. */
const API_KINDS = ['rest', 'http'];

/**
 * The same routes as an HTTP API (`api=http`): each `http` event becomes an `httpApi` event, the
 * Cognito user-pool authorizer a JWT authorizer on the pool's issuer and the app client, the REST
 * CORS settings HTTP API's built-in CORS (which also covers the authorizer's own 401s, so the REST
 * gateway responses have no counterpart). Payload format 1.0 is pinned: the handlers read API
 * Gateway's REST (v1) event, and one event shape keeps one code path.
 */
function toHttpApi(service, settings) {
  const headers = service.custom?.cors?.headers ?? [];
  const methods = new Set();
  for (const fn of Object.values(service.functions ?? {})) {
    fn.events = (fn.events ?? []).map((event) => {
      if (!event.http) return event;
      const method = String(event.http.method).toUpperCase();
      methods.add(method);
      return {
        httpApi: {
          method,
          path: `/${String(event.http.path).replace(/^\/+/, '')}`,
          ...(event.http.authorizer ? { authorizer: { name: 'cognito' } } : {}),
        },
      };
    });
  }
  service.provider.httpApi = {
    payload: '1.0',
    cors: {
      allowedOrigins: [String(settings.webOrigin)],
      allowedHeaders: headers,
      allowedMethods: [...methods, 'OPTIONS'].sort(),
      maxAge: 600,
    },
    authorizers: {
      cognito: {
        type: 'jwt',
        identitySource: '$request.header.Authorization',
        issuerUrl: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'UserPool' }]] },
        audience: [{ Ref: 'UserPoolClient' }],
      },
    },
  };
  service.provider.logs = { ...(service.provider.logs ?? {}), httpApi: { format: HTTP_ACCESS_LOG_FORMAT } };
  // REST-only resources: the gateway's own 4xx/5xx answers with CORS headers, and WAF on its stage.
  const resources = service.resources?.Resources ?? {};
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::ApiGateway::GatewayResponse' || id === 'WebAclApiStage') delete resources[id];
  }
  const outputs = service.resources?.Outputs ?? {};
  if (outputs.ApiUrl) {
    outputs.ApiUrl.Value = {
      'Fn::Join': ['', ['https://', { Ref: 'HttpApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    };
  }
}

/** The access-log line: one JSON object per request (CloudWatch Logs Insights reads it as is). */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
});

/** The same line for an HTTP API, whose context names some fields differently. */
const HTTP_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
});

class WildRydesStage {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = {
      initialize: () => this.check(),
      'after:package:compileEvents': async () => {
        await this.compileStage();
        this.throttleV2Stages();
        this.reserveConcurrency();
      },
      // serverless.yml's own `resources` (the gateway responses) are merged only at this point.
      'after:aws:package:finalize:mergeCustomProviderResources': () => {
        this.deployAfterGatewayResponses();
        this.dropUnusedDefaultRole();
        this.boundRoles();
        this.addObservability();
      },
    };
  }

  get stage() {
    return this.serverless.getProvider('aws').getStage();
  }

  get settings() {
    return this.serverless.service.custom?.wildrydes || {};
  }

  check() {
    if (this.stage === 'local') return;
    // Only what builds a template needs the settings: `sls remove --stage prod` works without them.
    const command = this.serverless.processedInput?.commands || [];
    if (!['package', 'deploy'].includes(command[0])) return;
    const problems = checkSettings(this.stage, this.settings);
    if (problems.length > 0) {
      throw new this.serverless.classes.Error(problems.join('; '), 'WILDRYDES_INVALID_PARAMS');
    }
    if (this.settings.api === 'http') toHttpApi(this.serverless.service, this.settings);
  }

  /**
   * The HTTP API's stage (when `api=http`) and the live WebSocket API's stage get the same
   * throttling as the REST stage: the framework sets none, and a flood of connections or watch
   * messages would otherwise meet only the account's limit.
   */
  /** RequestUnicorn's reserved concurrency, when the stage sets one (`requestUnicornConcurrency`). */
  reserveConcurrency() {
    if (this.stage === 'local') return;
    const concurrency = Number(this.settings.requestUnicornConcurrency ?? 0);
    const fn = this.serverless.service.provider.compiledCloudFormationTemplate.Resources.RequestUnicornLambdaFunction;
    if (fn && concurrency > 0) fn.Properties.ReservedConcurrentExecutions = concurrency;
  }

  throttleV2Stages() {
    if (this.stage === 'local') return;
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const id of ['HttpApiStage', 'WebsocketsDeploymentStage']) {
      const stage = resources[id];
      if (!stage) continue;
      stage.Properties.DefaultRouteSettings = {
        ...(stage.Properties.DefaultRouteSettings ?? {}),
        ThrottlingRateLimit: Number(this.settings.throttleRate),
        ThrottlingBurstLimit: Number(this.settings.throttleBurst),
      };
    }
  }

  /** The gateway responses must exist before the deployment snapshots the API, or a first deploy lacks them. */
  deployAfterGatewayResponses() {
    if (this.stage === 'local') return;
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const ids = (type) => Object.keys(resources).filter((id) => resources[id].Type === type);
    const gatewayResponses = ids('AWS::ApiGateway::GatewayResponse');
    for (const id of ids('AWS::ApiGateway::Deployment')) {
      resources[id].DependsOn = [...new Set([...[].concat(resources[id].DependsOn || []), ...gatewayResponses])];
    }
  }

  /**
   * Every function has its own role (serverless-iam-roles-per-function), so the framework's shared
   * default role serves none; with WebSocket events it would still grant ManageConnections on every
   * WebSocket API of the account. A role nothing uses is only a risk: it is left out.
   */
  dropUnusedDefaultRole() {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const id = 'IamRoleLambdaExecution';
    if (!resources[id]) return;
    const used = Object.entries(resources).some(([other, resource]) => other !== id && JSON.stringify(resource).includes(`"${id}"`));
    if (!used) delete resources[id];
  }

  /** The dashboard, and the alarms when the stage turns them on (observability.cjs). */
  addObservability() {
    if (this.stage === 'local') return;
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const naming = this.serverless.getProvider('aws').naming;
    const functions = this.serverless.service
      .getAllFunctions()
      .filter((key) => resources[naming.getLambdaLogicalId(key)])
      .map((key) => naming.getLambdaLogicalId(key).replace(/LambdaFunction$/, ''));
    const api = this.settings.api === 'http' ? 'http' : 'rest';
    const apiName = resources.ApiGatewayRestApi?.Properties?.Name;
    Object.assign(resources, observabilityResources({ stage: this.stage, api, apiName, functions, settings: this.settings }));
  }

  /** Every role of the stack under the stage's permissions boundary, when it names one. */
  boundRoles() {
    if (this.stage === 'local' || !this.settings.permissionsBoundary) return;
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const resource of Object.values(resources)) {
      if (resource.Type === 'AWS::IAM::Role') resource.Properties.PermissionsBoundary = this.settings.permissionsBoundary;
    }
  }

  async compileStage() {
    if (this.stage === 'local') return;
    const provider = this.serverless.getProvider('aws');
    const template = provider.serverless.service.provider.compiledCloudFormationTemplate;
    const resources = template.Resources;
    const deployments = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::ApiGateway::Deployment');
    if (deployments.length !== 1) return; // no http events: nothing to configure
    const deploymentId = deployments[0];
    const deployment = resources[deploymentId];
    const stageName = deployment.Properties.StageName;
    const settings = this.settings;

    // API Gateway writes logs with the account's CloudWatch role: the framework's own custom
    // resource sets one if the account has none (and never removes it).
    const frameworkDir = path.dirname(require.resolve('serverless/package.json', { paths: [this.serverless.serviceDir] }));
    const ensureCloudWatchRole = require(
      path.join(frameworkDir, 'lib/plugins/aws/package/compile/events/lib/ensure-api-gateway-cloud-watch-role.js'),
    );
    await ensureCloudWatchRole(provider);
    const roleResourceId = provider.naming.getCustomResourceApiGatewayAccountCloudWatchRoleResourceLogicalId();

    resources.ApiGatewayAccessLogGroup = {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/aws/api-gateway/${this.serverless.service.service}-${this.stage}-access`,
        RetentionInDays: Number(settings.logRetentionInDays),
      },
    };

    // The stage is its own resource; the deployment no longer creates it implicitly.
    delete deployment.Properties.StageName;
    const stageLogicalId = provider.naming.getStageLogicalId();
    resources[stageLogicalId] = {
      Type: 'AWS::ApiGateway::Stage',
      DependsOn: resources[roleResourceId] ? [roleResourceId] : [],
      Properties: {
        RestApiId: deployment.Properties.RestApiId,
        DeploymentId: { Ref: deploymentId },
        StageName: stageName,
        Description: `WildRydes ${this.stage}`,
        TracingEnabled: String(settings.tracing) === 'true',
        AccessLogSetting: {
          DestinationArn: { 'Fn::GetAtt': ['ApiGatewayAccessLogGroup', 'Arn'] },
          Format: ACCESS_LOG_FORMAT,
        },
        MethodSettings: [
          {
            ResourcePath: '/*',
            HttpMethod: '*',
            ThrottlingRateLimit: Number(settings.throttleRate),
            ThrottlingBurstLimit: Number(settings.throttleBurst),
            MetricsEnabled: true,
            LoggingLevel: 'OFF',
            DataTraceEnabled: false,
          },
        ],
        Tags: [
          { Key: 'app', Value: 'wildrydes' },
          { Key: 'stage', Value: this.stage },
        ],
      },
    };
    // Anything that referred to the stage by name (the endpoint) must wait for it.
    for (const id of Object.keys(resources)) {
      const r = resources[id];
      if (r.Type === 'AWS::ApiGateway::UsagePlan' || r.Type === 'AWS::ApiGateway::BasePathMapping') {
        r.DependsOn = [...new Set([...[].concat(r.DependsOn || []), stageLogicalId])];
      }
    }
  }
}

module.exports = WildRydesStage;
module.exports.checkSettings = checkSettings;
module.exports.ACCESS_LOG_FORMAT = ACCESS_LOG_FORMAT;
