/**
 * The part of CloudFormation's resource schemas the template check reads: a narrow view of
 * @aws-cdk/aws-service-spec's database (same field names, so `cfn-spec.ts` only looks things up),
 * which keeps the checker pure and its tests free to hand it a small schema of their own.
 */

/** A property's or attribute's type, as the spec writes it. A `ref` names a property type (a nested object). */
export type SpecType =
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };

export interface PropertySchema {
  type: SpecType;
  /** Types the property had before: templates written for them still deploy. */
  previousTypes?: SpecType[];
  required?: boolean;
}

/** A resource type, or a property type (nested object) of one. */
export interface ObjectSchema {
  name: string;
  properties: Record<string, PropertySchema>;
}

export interface ResourceSchema extends ObjectSchema {
  cloudFormationType: string;
  /** What `Fn::GetAtt` may read; nested ones are dotted ("SnapStartResponse.ApplyOn"). */
  attributes: Record<string, unknown>;
}

export interface Schemas {
  resource(cloudFormationType: string): ResourceSchema | undefined;
  /** Every resource type's name, to suggest the one a misspelt type meant. */
  resourceTypes(): readonly string[];
  /** A property type by the id a `ref` carries. */
  propertyType(ref: string): ObjectSchema | undefined;
}
