/**
 * ISO 8601 calendar dates as the archive stores them: YYYY, YYYY-MM or
 * YYYY-MM-DD, and only days that exist (no 1865-13-45, no 1865-02-30;
 * 29 February only in leap years of the proleptic Gregorian calendar).
 */
export const ISO_DATE_FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why a string is not an archive date, or null when it is one. */
export function isoDateProblem(value: string): string | null {
  const m = ISO_DATE_FORMAT.exec(value);
  if (!m) return 'expected YYYY, YYYY-MM or YYYY-MM-DD';
  const [, , mm, dd] = m;
  const year = Number(m[1]);
  if (mm === undefined) return null;
  const month = Number(mm);
  if (month < 1 || month > 12) return `no month ${mm} (01–12)`;
  if (dd === undefined) return null;
  const day = Number(dd);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `no day ${dd} in ${m[1]}-${mm} (it has ${last} days)`;
  return null;
}

export const isIsoDate = (value: string): boolean => isoDateProblem(value) === null;
