import type { InvalidField } from '../../core/invalid-field.ts';

/**
 * What a form shows when the back end refused one of its fields: which field
 * (to mark it aria-invalid) and a line naming it in the form's own words with
 * the reason ("Date: expected YYYY, YYYY-MM or YYYY-MM-DD"), instead of the
 * transport's raw "library.updateMetadata: invalid patch.date: …".
 *
 * `labels` maps a form field to its label; `prefix` is where the form's
 * fields sit in the request's params ("patch."). A refusal of anything else
 * (or no structured refusal at all) gives `field: null` and the one-line message.
 */
export function refusedField<F extends string>(
  err: unknown,
  labels: Readonly<Record<F, string>>,
  prefix = 'patch.',
): { field: F | null; message: string } {
  const invalid = (err as { invalid?: InvalidField } | null)?.invalid;
  const name = invalid && invalid.field.startsWith(prefix) ? invalid.field.slice(prefix.length) : undefined;
  if (invalid && name !== undefined && Object.hasOwn(labels, name)) return { field: name as F, message: `${labels[name as F]}: ${invalid.reason}` };
  return { field: null, message: (err instanceof Error ? err.message : String(err)).split('\n')[0] };
}
