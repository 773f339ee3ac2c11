'use strict';
/**
 * The alarms and the dashboard a team runs WildRydes by (docs/operations.md explains each one),
 * built for the stack's own functions, tables and API: the stage plugin (wildrydes-stage.cjs) adds
 * them to the template. The WildRydes metrics named here are written by the functions
 * (packages/functions/src/metrics.ts); packages/infra/test/observability-checks.ts (run by the
 * template tests) proves every name used here is one they write.
 */

const NAMESPACE = 'WildRydes';
const SERVICE = 'wildrydes';
/** The tables a ride request reads and writes: their throttling is riders waiting. */
const REQUEST_PATH_TABLES = ['RidesTable', 'UnicornsTable', 'RidersTable', 'IdempotencyTable'];
/** A metric-math alarm may read at most 10 metrics, its expression included. */
const METRICS_PER_ALARM = 9;
const FIVE_MINUTES = 300;

const custom = (stage, name, extra = []) => ({
  Namespace: NAMESPACE,
  MetricName: name,
  Dimensions: [{ Name: 'service', Value: SERVICE }, { Name: 'stage', Value: stage }, ...extra],
});

/** Where the API's own metrics live: REST APIs by name and stage, HTTP APIs by id. */
function apiMetrics(api, apiName, stage) {
  if (api === 'http') {
    const Dimensions = [
      { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
      { Name: 'Stage', Value: '$default' },
    ];
    return {
      errors5xx: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions },
      errors4xx: { Namespace: 'AWS/ApiGateway', MetricName: '4xx', Dimensions },
      latency: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions },
    };
  }
  const Dimensions = [
    { Name: 'ApiName', Value: apiName },
    { Name: 'Stage', Value: stage },
  ];
  return {
    errors5xx: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions },
    errors4xx: { Namespace: 'AWS/ApiGateway', MetricName: '4XXError', Dimensions },
    latency: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions },
  };
}

const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** A metric-math alarm summing `metrics` (each `{ Namespace, MetricName, Dimensions }`). */
function sumAlarm(base, metrics, label) {
  return {
    ...base,
    Metrics: [
      { Id: 'total', Label: label, Expression: metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '), ReturnData: true },
      ...metrics.map((metric, i) => ({
        Id: `m${i}`,
        ReturnData: false,
        MetricStat: { Metric: metric, Period: FIVE_MINUTES, Stat: 'Sum' },
      })),
    ],
  };
}

/**
 * The alarms, keyed by logical id. `functions` are the template's function logical ids (without
 * the `LambdaFunction` suffix); `actions` the ARNs (or refs) to notify; `settings` the stage's.
 */
function alarms({ stage, api, apiName, functions, actions, settings }) {
  const base = (description) => ({
    AlarmDescription: `${description} (docs/operations.md)`,
    AlarmActions: actions,
    OKActions: actions,
    TreatMissingData: 'notBreaching',
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanThreshold',
  });
  const apiMetric = apiMetrics(api, apiName, stage);
  const result = {
    AlarmApiServerErrors: {
      ...base(`More than ${Number(settings.alarmServerErrorRate) * 100}% of API requests answered 5xx over 5 minutes`),
      ...apiMetric.errors5xx,
      Statistic: 'Average',
      Period: FIVE_MINUTES,
      Threshold: Number(settings.alarmServerErrorRate),
    },
    AlarmApiLatencyP99: {
      ...base(`The API's p99 latency above ${settings.alarmLatencyP99Ms} ms in 2 of 3 five-minute periods`),
      ...apiMetric.latency,
      ExtendedStatistic: 'p99',
      Period: FIVE_MINUTES,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: Number(settings.alarmLatencyP99Ms),
    },
    AlarmNoUnicornRate: {
      ...base(
        `More than ${Number(settings.alarmNoUnicornRate) * 100}% of ride requests found no unicorn within reach for 15 minutes (at least 10 requests per 5 minutes)`,
      ),
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: Number(settings.alarmNoUnicornRate),
      Metrics: [
        {
          Id: 'rate',
          Label: 'Share refused: no unicorn nearby',
          Expression: 'IF(booked + refused >= 10, refused / (booked + refused), 0)',
          ReturnData: true,
        },
        { Id: 'booked', ReturnData: false, MetricStat: { Metric: custom(stage, 'RidesBooked'), Period: FIVE_MINUTES, Stat: 'Sum' } },
        {
          Id: 'refused',
          ReturnData: false,
          MetricStat: { Metric: custom(stage, 'RidesRefusedNoUnicorn'), Period: FIVE_MINUTES, Stat: 'Sum' },
        },
      ],
    },
    AlarmTokenRefusals: {
      ...base(`More than ${settings.alarmTokenRefusals} tokens refused in 5 minutes: an attack, or a client sending broken tokens`),
      ...custom(stage, 'TokensRefused'),
      Statistic: 'Sum',
      Period: FIVE_MINUTES,
      Threshold: Number(settings.alarmTokenRefusals),
    },
    AlarmTransientErrors: {
      ...base('More than 5 requests answered 503 "try again" in 5 minutes: DynamoDB, Cognito or the signing keys failing or slow'),
      ...custom(stage, 'TransientErrors'),
      Statistic: 'Sum',
      Period: FIVE_MINUTES,
      Threshold: 5,
    },
  };
  const lambda = (fn, name) => ({
    Namespace: 'AWS/Lambda',
    MetricName: name,
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${fn}LambdaFunction` } }],
  });
  for (const [kind, what] of [
    ['Errors', 'failed (an error the function did not answer, or a timeout)'],
    ['Throttles', 'were throttled (concurrency used up)'],
  ]) {
    chunks(functions, METRICS_PER_ALARM).forEach((group, i) => {
      result[`AlarmFunction${kind}${i + 1}`] = sumAlarm(
        { ...base(`Invocations of ${group.join(', ')} ${what}`), Threshold: 0 },
        group.map((fn) => lambda(fn, kind)),
        `${kind}: ${group.join(', ')}`,
      );
    });
  }
  const throttles = REQUEST_PATH_TABLES.flatMap((table) =>
    ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => ({
      Namespace: 'AWS/DynamoDB',
      MetricName: name,
      Dimensions: [{ Name: 'TableName', Value: { Ref: table } }],
    })),
  );
  result.AlarmDynamoDbThrottles = sumAlarm(
    { ...base(`Reads or writes of ${REQUEST_PATH_TABLES.join(', ')} throttled`), Threshold: 0 },
    throttles,
    'DynamoDB throttle events',
  );
  const resources = {};
  for (const [id, properties] of Object.entries(result)) {
    resources[id] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { AlarmName: `wildrydes-${stage}-${id.replace(/^Alarm/, '')}`, ...properties },
    };
  }
  return resources;
}

/** Where the alarms send: an existing topic, or the stack's own with the email subscribed. */
function notifications({ stage, settings }) {
  if (settings.alarmTopicArn) return { actions: [settings.alarmTopicArn], resources: {} };
  return {
    actions: [{ Ref: 'AlarmTopic' }],
    resources: {
      AlarmTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { TopicName: `wildrydes-${stage}-alarms`, DisplayName: `WildRydes ${stage} alarms` },
      },
      AlarmEmail: {
        Type: 'AWS::SNS::Subscription',
        Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: settings.alarmEmail },
      },
    },
  };
}

/** The dashboard: rides, errors, latency, dispatch, live pushes and token refusals, one screen. */
function dashboard({ stage, api, apiName, functions }) {
  const metric = (m, options = {}) => {
    const dims = m.Dimensions.flatMap((d) => [d.Name, typeof d.Value === 'string' ? d.Value : `\${${d.Value.Ref}}`]);
    return [m.Namespace, m.MetricName, ...dims, options];
  };
  const apiMetric = apiMetrics(api, apiName, stage);
  const widget = (title, metrics, { stat = 'Sum', period = 60, x, y, view = 'timeSeries' } = {}) => ({
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not a JS template
    properties: { title, region: '${AWS::Region}', view, stat, period, metrics },
  });
  const lambda = (fn, name, options) =>
    metric(
      { Namespace: 'AWS/Lambda', MetricName: name, Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${fn}LambdaFunction` } }] },
      { label: fn, ...options },
    );
  const reasons = ['missing', 'expired', 'invalid', 'audience', 'issuer', 'access-token', 'too-large', 'not-yet-valid', 'no-user'];
  const body = {
    widgets: [
      widget(
        'Rides per minute',
        ['RidesBooked', 'RidesCancelled', 'RidesReplayed', 'RidesRefusedFairUse', 'RidesRefusedNoUnicorn'].map((n) =>
          metric(custom(stage, n), { label: n }),
        ),
        { x: 0, y: 0 },
      ),
      widget(
        'Errors per minute',
        [
          metric(apiMetric.errors5xx, { label: 'API 5xx' }),
          metric(apiMetric.errors4xx, { label: 'API 4xx' }),
          metric(custom(stage, 'ServerErrors'), { label: 'ServerErrors' }),
          metric(custom(stage, 'TransientErrors'), { label: 'TransientErrors (503)' }),
          ...functions.map((fn) => lambda(fn, 'Errors')),
        ],
        { x: 12, y: 0 },
      ),
      widget(
        'Latency (ms)',
        [
          metric(apiMetric.latency, { label: 'API p50', stat: 'p50' }),
          metric(apiMetric.latency, { label: 'API p99', stat: 'p99' }),
          ...(functions.includes('RequestUnicorn')
            ? [lambda('RequestUnicorn', 'Duration', { label: 'RequestUnicorn p99', stat: 'p99' })]
            : []),
        ],
        { stat: 'p99', period: 300, x: 0, y: 6 },
      ),
      widget(
        'Dispatch',
        [
          metric(custom(stage, 'DispatchEtaSeconds'), { label: 'ETA p50 (s)', stat: 'p50' }),
          metric(custom(stage, 'DispatchEtaSeconds'), { label: 'ETA p90 (s)', stat: 'p90' }),
          metric(custom(stage, 'DispatchDistanceKm'), { label: 'Distance p50 (km)', stat: 'p50', yAxis: 'right' }),
          metric(custom(stage, 'BookingAttempts'), { label: 'Attempts per ride', stat: 'Average', yAxis: 'right' }),
        ],
        { stat: 'p50', period: 300, x: 12, y: 6 },
      ),
      widget(
        'Fleet: free and busy unicorns',
        ['UnicornsFree', 'UnicornsBusy'].map((n) => metric(custom(stage, n), { label: n })),
        { stat: 'Maximum', period: 300, x: 0, y: 18 },
      ),
      widget(
        'Live pushes per minute',
        ['PushesSent', 'ConnectionsGone', 'PushesFailed'].map((n) => metric(custom(stage, n), { label: n })),
        { x: 0, y: 12 },
      ),
      widget(
        'Tokens refused, by reason',
        reasons.map((r) => metric(custom(stage, 'TokensRefused', [{ Name: 'Reason', Value: r }]), { label: r })),
        { x: 12, y: 12 },
      ),
    ],
  };
  const refs = Object.fromEntries(functions.map((fn) => [`${fn}LambdaFunction`, { Ref: `${fn}LambdaFunction` }]));
  if (api === 'http') refs.HttpApi = { Ref: 'HttpApi' };
  return {
    Dashboard: {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: { DashboardName: `wildrydes-${stage}`, DashboardBody: { 'Fn::Sub': [JSON.stringify(body), refs] } },
    },
  };
}

/** Everything observability adds to a stage's template: the dashboard always, alarms when `alarms` is on. */
function observabilityResources({ stage, api, apiName, functions, settings }) {
  const resources = dashboard({ stage, api, apiName, functions });
  if (String(settings.alarms) !== 'true') return resources;
  const { actions, resources: topic } = notifications({ stage, settings });
  return { ...resources, ...topic, ...alarms({ stage, api, apiName, functions, actions, settings }) };
}

/** The problems with the stage's alarm settings. */
function checkAlarmSettings(settings) {
  const problems = [];
  if (!['true', 'false'].includes(String(settings.alarms ?? 'false')))
    problems.push(`alarms must be true or false (got "${settings.alarms}")`);
  if (String(settings.alarms) === 'true' && !settings.alarmEmail && !settings.alarmTopicArn) {
    problems.push(
      'alarms=true needs somewhere to send them: add --param="alarmEmail=oncall@example.com" (or alarmTopicArn=<an SNS topic ARN>)',
    );
  }
  if (settings.alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(settings.alarmEmail)))
    problems.push(`alarmEmail must be an email address (got "${settings.alarmEmail}")`);
  if (settings.alarmTopicArn && !/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(String(settings.alarmTopicArn))) {
    problems.push(`alarmTopicArn must be an SNS topic ARN (got "${settings.alarmTopicArn}")`);
  }
  for (const [name, max] of [
    ['alarmServerErrorRate', 1],
    ['alarmNoUnicornRate', 1],
    ['alarmLatencyP99Ms', Infinity],
    ['alarmTokenRefusals', Infinity],
  ]) {
    const value = Number(settings[name]);
    if (settings[name] !== undefined && !(value > 0 && value <= max))
      problems.push(`${name} must be a number above 0${max === 1 ? ' and at most 1' : ''} (got "${settings[name]}")`);
  }
  return problems;
}

module.exports = { observabilityResources, checkAlarmSettings, NAMESPACE, SERVICE };
