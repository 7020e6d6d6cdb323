/**
 * Moments (fixity checks, corrections) as the archivist reads them
 * everywhere in the app: ISO 8601 date and minute, "2026-11-29 14:35", in
 * local time. `toLocaleString()` gave "11/29/2026, 2:35:12 PM" in a US
 * locale and "29/11/2026" elsewhere, beside the ISO dates of the library.
 */
export function isoMinute(moment: string | number | Date): string {
  const d = new Date(moment);
  if (Number.isNaN(d.getTime())) return String(moment);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
