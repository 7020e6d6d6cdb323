import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from './contract.ts';
import { invalidFieldOf, InvalidFieldError } from './invalid-field.ts';

const ID = 'a'.repeat(64);

describe('a refused field comes back as data beside the one-line error', () => {
  it('from the contract: the field path and the reason, and the message as before', async () => {
    const handlers = {} as Handlers;
    const reply = await dispatch(handlers, 'document.updateMetadata', { id: ID, patch: { date: '1918-9-1' } });
    expect(reply).toEqual({
      ok: false,
      error: 'document.updateMetadata: invalid patch.date: expected YYYY, YYYY-MM or YYYY-MM-DD',
      invalid: { field: 'patch.date', reason: 'expected YYYY, YYYY-MM or YYYY-MM-DD' },
    });
  });

  it('from a handler that refuses a field', async () => {
    const handlers = {
      'document.get': () => {
        throw new InvalidFieldError('document.get', 'id', 'no such document in this library');
      },
    } as unknown as Handlers;
    expect(await dispatch(handlers, 'document.get', { id: ID })).toEqual({
      ok: false,
      error: 'document.get: invalid id: no such document in this library',
      invalid: { field: 'id', reason: 'no such document in this library' },
    });
  });

  it('other failures carry no field', async () => {
    const handlers = {
      'document.get': () => {
        throw new Error('disk full');
      },
    } as unknown as Handlers;
    expect(await dispatch(handlers, 'document.get', { id: ID })).toEqual({ ok: false, error: 'disk full' });
  });

  it('believes only a well-formed field from a transport', () => {
    expect(invalidFieldOf({ field: 'patch.date', reason: 'x' })).toEqual({ field: 'patch.date', reason: 'x' });
    expect(invalidFieldOf({ field: 1, reason: 'x' })).toBeUndefined();
    expect(invalidFieldOf('patch.date')).toBeUndefined();
    expect(invalidFieldOf(undefined)).toBeUndefined();
  });
});
