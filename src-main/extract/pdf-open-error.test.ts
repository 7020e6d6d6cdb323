import { describe, expect, it } from 'vitest';
import { describeOpenError, pdfjsDetail } from './pdf-open-error.ts';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('describeOpenError', () => {
  it('leaves out pdf.js details that say the reason again', () => {
    expect(describeOpenError(named('InvalidPDFException', 'Invalid PDF structure.')).message).toBe('truncated or corrupt PDF');
    expect(describeOpenError(named('PasswordException', 'No password given')).message).toBe('encrypted (password required)');
  });

  it('keeps a detail that adds something, lower-cased, without its period, on one line', () => {
    const wrong = describeOpenError(named('PasswordException', 'Incorrect Password'));
    expect([wrong.message, wrong.reason]).toEqual(['encrypted (password required): incorrect password', 'encrypted (password required)']);
    expect(describeOpenError(named('FormatError', 'Bad FCHECK in flate stream: 120, 253.\nat x')).message).toBe(
      'truncated or corrupt PDF: bad FCHECK in flate stream: 120, 253',
    );
    expect(describeOpenError(new Error('Something else happened')).message).toBe('could not open PDF: something else happened');
  });

  it('keeps acronyms as they are', () => {
    expect(pdfjsDetail('XRef entry 7 is missing.')).toBe('XRef entry 7 is missing');
    expect(pdfjsDetail('PDF header not found')).toBe('PDF header not found');
  });
});
