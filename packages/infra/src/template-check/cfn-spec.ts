import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { ObjectSchema, ResourceSchema, Schemas } from './schema';

/**
 * CloudFormation's schemas of every resource type, from @aws-cdk/aws-service-spec (carried in the
 * npm package: no network). The database is large (a 2.6 MB gzip, ~180 MB once loaded, about a
 * second to parse on these machines), so it is loaded once per process and shared.
 */
type SpecDatabase = Awaited<ReturnType<typeof loadAwsServiceSpec>>;

let loading: Promise<{ schemas: Schemas; loadMs: number }> | undefined;

export function cfnSchemas(): Promise<{ schemas: Schemas; loadMs: number }> {
  loading ??= (async () => {
    const started = performance.now();
    const db = await loadAwsServiceSpec();
    return { schemas: fromDatabase(db), loadMs: Math.round(performance.now() - started) };
  })();
  return loading;
}

function fromDatabase(db: SpecDatabase): Schemas {
  let types: string[] | undefined;
  return {
    resourceTypes: () => {
      types ??= db.all('resource').map((r) => r.cloudFormationType);
      return types;
    },
    resource(cloudFormationType: string): ResourceSchema | undefined {
      // One entry per type; the spec's own types are a superset of ResourceSchema.
      return db.lookup('resource', 'cloudFormationType', 'equals', cloudFormationType)[0];
    },
    propertyType(ref: string): ObjectSchema | undefined {
      try {
        return db.get('typeDefinition', ref);
      } catch {
        return undefined; // an id the database does not hold
      }
    },
  };
}
