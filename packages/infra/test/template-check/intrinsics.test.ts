import { describe, expect, it } from 'vitest';
import { getAttTarget, intrinsicName, subNames } from '../../src/template-check/intrinsics';

describe('intrinsic functions', () => {
  it('are objects with one key naming one', () => {
    expect(intrinsicName({ Ref: 'X' })).toBe('Ref');
    expect(intrinsicName({ 'Fn::Join': ['', []] })).toBe('Fn::Join');
    expect(intrinsicName({ Ref: 'X', Other: 1 })).toBeUndefined();
    expect(intrinsicName({ 'Fn::Nope': 1 })).toBeUndefined();
    expect(intrinsicName(['Ref'])).toBeUndefined();
  });

  it('Fn::Sub reads ${Name} and ${Name.Attr}, not ${!Literal}', () => {
    expect(subNames('arn:${AWS::Partition}:s3:::${Bucket}/${Table.Arn}/${!Literal}')).toEqual(['AWS::Partition', 'Bucket', 'Table.Arn']);
    expect(subNames('no names')).toEqual([]);
  });

  it('Fn::GetAtt takes ["Resource", "Attr"] or "Resource.Attr" (the attribute may hold dots)', () => {
    expect(getAttTarget(['Fn', 'Arn'])).toEqual({ resource: 'Fn', attribute: 'Arn' });
    expect(getAttTarget('Fn.SnapStartResponse.ApplyOn')).toEqual({ resource: 'Fn', attribute: 'SnapStartResponse.ApplyOn' });
    expect(getAttTarget(['Stack', { Ref: 'Name' }])).toEqual({ resource: 'Stack', attribute: { Ref: 'Name' } });
  });
});
