/** CloudFormation's intrinsic functions and pseudo parameters: what a template may compute at deploy time. */

const INTRINSIC_FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::ForEach',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Fn::And',
  'Fn::Equals',
  'Fn::If',
  'Fn::Not',
  'Fn::Or',
]);

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The function's name when `value` is an intrinsic call (an object with one key that names one),
 * else undefined. Its result is only known at deploy time, so its type is not checked.
 */
export function intrinsicName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] !== undefined && INTRINSIC_FUNCTIONS.has(keys[0]) ? keys[0] : undefined;
}

/** The names a `Fn::Sub` string reads: `${Name}` and `${Name.Attr}`; `${!Literal}` is text. */
export function subNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = (match[1] ?? '').trim();
    if (!name.startsWith('!')) names.push(name);
  }
  return names;
}

/** `Fn::GetAtt`'s two forms, ["Resource", "Attr"] and "Resource.Attr"; the attribute may be computed. */
export function getAttTarget(argument: unknown): { resource: unknown; attribute: unknown } {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot < 0
      ? { resource: argument, attribute: undefined }
      : { resource: argument.slice(0, dot), attribute: argument.slice(dot + 1) };
  }
  if (Array.isArray(argument)) return { resource: argument[0], attribute: argument[1] };
  return { resource: undefined, attribute: undefined };
}
