/** A CloudFormation template as parsed JSON: every section is checked before it is trusted. */
export type CfnTemplate = Record<string, unknown>;

/** The sections CloudFormation reads; any other top-level key fails the deploy. */
export const TEMPLATE_SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

/**
 * The keys a resource may have. `Version` is a legacy key CloudFormation still accepts; the
 * framework writes it on its own custom resources.
 */
export const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
  'Metadata',
  'Version',
]);

export const DELETION_POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
