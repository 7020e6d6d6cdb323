import { describe, expect, it } from 'vitest';
import { refusedField } from './refused-field.ts';

const LABELS = { newspaper: 'Newspaper', date: 'Date', edition: 'Edition' } as const;
const refusal = (field: string, reason: string) => Object.assign(new Error(`library.updateMetadata: invalid ${field}: ${reason}`), { invalid: { field, reason } });

describe('refusedField', () => {
  it('names the refused field by its label, with the reason, not the raw transport message', () => {
    expect(refusedField(refusal('patch.date', 'no such day: 1918-02-30'), LABELS)).toEqual({ field: 'date', message: 'Date: no such day: 1918-02-30' });
  });

  it('falls back to the one-line message for a field the form does not have, or no structured refusal', () => {
    expect(refusedField(refusal('ids.3', 'expected a document id'), LABELS)).toEqual({ field: null, message: 'library.updateMetadata: invalid ids.3: expected a document id' });
    expect(refusedField(refusal('patch.toString', 'x'), LABELS).field).toBeNull();
    expect(refusedField(new Error('disk full\nstack'), LABELS)).toEqual({ field: null, message: 'disk full' });
    expect(refusedField('plain', LABELS)).toEqual({ field: null, message: 'plain' });
  });
});
