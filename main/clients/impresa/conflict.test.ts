import { describe, expect, it } from 'vitest';
import { ClientError } from '../errors';
import { existingOf } from './conflict';

const error = (code: 'IMPRESA_CONFLICT' | 'IMPRESA_NOT_FOUND', existing?: unknown) =>
  new ClientError({
    code,
    kind: code === 'IMPRESA_CONFLICT' ? 'CONFLICT' : 'NOT_FOUND',
    system: 'InHANCE Impresa',
    operation: 'createEntry',
    message: 'refused',
    existing,
  });

describe('reading the record an InHANCE 409 hands over', () => {
  it('is the existing record of a conflict, and null for anything else', () => {
    const entry = { entryId: 'E1' };
    expect(existingOf(error('IMPRESA_CONFLICT', { entry }))).toEqual({ entry });
    expect(existingOf(error('IMPRESA_CONFLICT'))).toBeNull();
    expect(existingOf(error('IMPRESA_NOT_FOUND', { entry }))).toBeNull();
    expect(existingOf(new Error('IMPRESA_CONFLICT'))).toBeNull();
    expect(existingOf(undefined)).toBeNull();
  });
});
