import { describe, expect, it } from 'vitest';
import { normaliseCode } from '../../../../src/features/auth/form/field-checks';

describe('normaliseCode', () => {
  it('takes codes with spaces or dashes', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('123-456')).toBe('123456');
    expect(normaliseCode('12345')).toBeUndefined();
    expect(normaliseCode('12345a')).toBeUndefined();
  });
});
