/**
 * A validation failure as data: which field of a request was refused, and
 * why. Every transport carries it beside the one-line `error` (which stays
 * as it was, so older callers read the same text), and the renderer marks
 * the field from it instead of parsing the message.
 */
export interface InvalidField {
  /** The field's path in the request's params, dot-separated ("patch.date", "files.0.path"). */
  field: string;
  /** Why, in words, without the field's name ("expected YYYY, YYYY-MM or YYYY-MM-DD"). */
  reason: string;
}

/** Thrown by a handler that refuses one field of its request: dispatch replies with it as `invalid`. */
export class InvalidFieldError extends Error {
  readonly invalid: InvalidField;
  constructor(request: string, field: string, reason: string) {
    super(`${request}: invalid ${field}: ${reason}`);
    this.invalid = { field, reason };
  }
}

/** `invalid` from a reply that came over a transport (JSON or a structured clone): only a well-formed one is believed. */
export function invalidFieldOf(value: unknown): InvalidField | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { field, reason } = value as Record<string, unknown>;
  return typeof field === 'string' && typeof reason === 'string' ? { field, reason } : undefined;
}
