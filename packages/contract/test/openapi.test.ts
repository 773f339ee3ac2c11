import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/openapi';

const committed = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is committed as generated (run `pnpm --filter @wildrydes/contract openapi` after changing a schema)', () => {
    expect(committed).toEqual(openApiDocument());
  });

  it('documents the workshop request with its ranges, from the validation schema', () => {
    const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas;
    expect(schemas.RideRequest).toMatchObject({
      type: 'object',
      required: ['PickupLocation'],
      properties: {
        PickupLocation: {
          properties: {
            Latitude: { type: 'number', minimum: -90, maximum: 90 },
            Longitude: { type: 'number', minimum: -180, maximum: 180 },
          },
        },
      },
    });
    expect(schemas.RideResponse).toMatchObject({ required: expect.arrayContaining(['RideId', 'Unicorn', 'UnicornName', 'Eta', 'Rider']) });
  });
});
