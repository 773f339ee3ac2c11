/**
 * The six tables as the stores read and write them: keys, indexes, streams and TTL. The local
 * stack creates its tables from these (local-stack bootstrap.ts) and the stores query the indexes
 * by these names; serverless.yml must repeat them for AWS, and packages/infra/test/template.test.ts
 * proves every table and index there matches its definition here.
 */
interface KeyPart {
  readonly AttributeName: string;
  readonly AttributeType: 'S';
  readonly KeyType: 'HASH' | 'RANGE';
}

interface IndexDefinition {
  readonly IndexName: string;
  readonly KeySchema: readonly { readonly AttributeName: string; readonly KeyType: 'HASH' | 'RANGE' }[];
  readonly Projection: { readonly ProjectionType: 'ALL' | 'KEYS_ONLY' };
}

export interface TableDefinition {
  readonly key: KeyPart;
  readonly sortKey?: KeyPart;
  readonly indexes?: readonly IndexDefinition[];
  /** The live notifier reads these tables' streams (serverless.yml: StreamSpecification). */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  /** The attribute DynamoDB's TTL reads. */
  readonly ttl?: string;
}

/** The rides by rider, newest first (GET /rides; an account's deletion finds its rides here). */
export const RIDER_INDEX = {
  IndexName: 'RiderIndex',
  KeySchema: [
    { AttributeName: 'User', KeyType: 'HASH' },
    { AttributeName: 'RequestTime', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
} as const satisfies IndexDefinition;

/** The fleet by where each unicorn is free next: `Region` and `Geohash`, see geo.ts. */
export const CELL_INDEX = {
  IndexName: 'CellIndex',
  KeySchema: [
    { AttributeName: 'Region', KeyType: 'HASH' },
    { AttributeName: 'Geohash', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
} as const satisfies IndexDefinition;

/** The live connections by rider: every tab and device of one rider (the notifier's Query). */
export const CONNECTION_RIDER_INDEX = {
  IndexName: 'RiderIndex',
  KeySchema: [{ AttributeName: 'User', KeyType: 'HASH' }],
  Projection: { ProjectionType: 'KEYS_ONLY' },
} as const satisfies IndexDefinition;

/** Each table by the name it ends in (`wildrydes-<stage>-<name>`). Literals only, so a bundle that needs one index leaves the rest out. */
export const TABLES = {
  rides: { key: { AttributeName: 'RideId', AttributeType: 'S', KeyType: 'HASH' }, indexes: [RIDER_INDEX], stream: 'NEW_AND_OLD_IMAGES' },
  idempotency: { key: { AttributeName: 'Key', AttributeType: 'S', KeyType: 'HASH' }, ttl: 'ExpiresAt' },
  unicorns: { key: { AttributeName: 'Name', AttributeType: 'S', KeyType: 'HASH' }, indexes: [CELL_INDEX], stream: 'NEW_AND_OLD_IMAGES' },
  riders: { key: { AttributeName: 'User', AttributeType: 'S', KeyType: 'HASH' }, ttl: 'ExpiresAt' },
  connections: {
    key: { AttributeName: 'ConnectionId', AttributeType: 'S', KeyType: 'HASH' },
    indexes: [CONNECTION_RIDER_INDEX],
    ttl: 'ExpiresAt',
  },
  // Who watches which map cell: one item per cell and connection.
  watches: {
    key: { AttributeName: 'Cell', AttributeType: 'S', KeyType: 'HASH' },
    sortKey: { AttributeName: 'ConnectionId', AttributeType: 'S', KeyType: 'RANGE' },
    ttl: 'ExpiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;

/** On a ride item: the scoped Idempotency-Key that booked it, so an account's claims are found through its rides. */
export const CLAIM_KEY = 'ClaimKey';
