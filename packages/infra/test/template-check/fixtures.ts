/** Small templates for the checker's tests: a valid one, and one with one mistake of each kind. */

/** Valid, and written to trip a naive checker: intrinsics where literals go, scalars CloudFormation converts, custom resources. */
export const validTemplate = () => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Memory: { Type: 'Number', Default: 512 } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } },
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        DeletionProtectionEnabled: 'true', // a string where a boolean goes: CloudFormation converts it
        Tags: [{ Key: 'app', Value: { 'Fn::Sub': '${AWS::StackName}-${!Literal}' } }],
      },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
    Function: {
      Type: 'AWS::Lambda::Function',
      DependsOn: ['Table'],
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async () => ({})' },
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        MemorySize: { Ref: 'Memory' },
        Timeout: '12', // a numeric string where an integer goes
        Environment: {
          Variables: {
            TABLE: { Ref: 'Table' },
            STREAM: { 'Fn::GetAtt': 'Table.StreamArn' },
            ARN: { 'Fn::Sub': ['${Table.Arn}/${Suffix}', { Suffix: 'index/*' }] },
            STAGE: { 'Fn::If': ['IsProd', 'prod', { Ref: 'AWS::NoValue' }] },
          },
        },
        TracingConfig: { 'Fn::If': ['IsProd', { Mode: 'Active' }, { Ref: 'AWS::NoValue' }] },
      },
    },
    Setup: {
      Type: 'Custom::Setup',
      Version: '1.0',
      Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] }, Anything: { Goes: ['here'] } },
    },
  },
  Outputs: {
    FunctionArn: { Value: { 'Fn::GetAtt': ['Function', 'Arn'] } },
    SnapStart: { Value: { 'Fn::GetAtt': ['Function', 'SnapStartResponse.ApplyOn'] } },
    SetupResult: { Value: { 'Fn::GetAtt': ['Setup', 'WhateverItReturns'] }, Condition: 'IsProd' },
    Region: { Value: { 'Fn::Sub': '${AWS::Region}' } },
  },
});

/** The day the mistakes below are judged on: nodejs22.x is 119 days from its deprecation. */
export const TODAY = new Date('2027-01-01T00:00:00Z');

/** One mistake of each kind, and where each must be reported: [severity, kind, path]. */
export const MISTAKES: [string, string, string][] = [
  ['error', 'template-section', 'Output'],
  ['error', 'logical-id', 'Resources.Rides-Table'],
  ['error', 'resource-key', 'Resources.Rides-Table.DependOn'],
  ['error', 'resource-type', 'Resources.Queue.Type'],
  ['error', 'unknown-property', 'Resources.Rides-Table.Properties.BillingMod'],
  ['error', 'unknown-property', 'Resources.Function.Properties.Environment.Variable'],
  ['error', 'missing-property', 'Resources.Function.Properties'],
  ['error', 'wrong-type', 'Resources.Function.Properties.MemorySize'],
  ['error', 'wrong-type', 'Resources.Function.Properties.Layers'],
  ['error', 'ref', 'Resources.Function.Properties.Description'],
  ['error', 'get-att', 'Resources.Function.Properties.KmsKeyArn'],
  ['error', 'sub', 'Resources.Function.Properties.Handler'],
  ['error', 'sub', 'Resources.Function.Properties.Handler'],
  ['error', 'depends-on', 'Resources.Function.DependsOn'],
  ['error', 'condition', 'Resources.Function.Properties.Timeout'],
  ['error', 'runtime', 'Resources.Function.Properties.Runtime'],
  ['error', 'runtime', 'Resources.Old.Properties.Runtime'],
  ['warning', 'runtime', 'Resources.Soon.Properties.Runtime'],
];

const fn = (runtime: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: runtime, Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/r' },
});

export const templateWithMistakes = () => ({
  Output: {}, // Outputs, misspelt
  Resources: {
    'Rides-Table': {
      Type: 'AWS::DynamoDB::Table',
      DependOn: 'Queue', // DependsOn, misspelt
      Properties: {
        BillingMod: 'PAY_PER_REQUEST', // BillingMode
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      },
    },
    Queue: { Type: 'AWS::SQS::Queu' }, // Queue
    Function: {
      Type: 'AWS::Lambda::Function',
      DependsOn: 'Nothing', // no such resource
      Properties: {
        Runtime: 'nodejs24x', // nodejs24.x
        Code: { ZipFile: 'x' },
        // Role is missing
        Handler: { 'Fn::Sub': '${Nowhere}.${Function.Arnn}' }, // no such name; Arn
        MemorySize: 'lots', // an integer
        Layers: 'arn:aws:lambda:us-east-1:123456789012:layer:x:1', // a list
        Description: { Ref: 'Tabel' }, // no such resource
        KmsKeyArn: { 'Fn::GetAtt': ['Rides-Table', 'Arm'] }, // Arn
        Timeout: { 'Fn::If': ['IsProd', 30, 10] }, // no Conditions at all
        Environment: { Variable: { A: 'b' } }, // Variables
      },
    },
    Old: fn('nodejs18.x'),
    Soon: fn('nodejs22.x'),
  },
});
