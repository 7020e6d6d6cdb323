import { loadavg } from 'node:os';

/**
 * The small numbers every bench prints: CPU time beside wall time (the
 * machine is shared, so CPU says more), the median of repeated runs, and the
 * load average the run saw. One copy here instead of one per bench, so two
 * benches' "median" cannot quietly differ.
 */

/** A CpuUsage (microseconds) as milliseconds, user and system together. */
export function usageMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

/** This process's CPU time in ms, user and system, all threads: since it started, or since `since`. */
export function cpuMs(since?: NodeJS.CpuUsage): number {
  return usageMs(process.cpuUsage(since));
}

/** This thread's CPU time in ms (the main thread without its workers): since it started, or since `since`. */
export function threadCpuMs(since?: NodeJS.CpuUsage): number {
  return usageMs(process.threadCpuUsage(since));
}

/**
 * The median as the benches have always taken it: the middle value, or the
 * upper of the two middle ones for an even count (a time that was measured,
 * not an average of two). NaN for no values.
 */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

/** The 1, 5 and 15 minute load averages, as a bench prints them beside its numbers. */
export function loadAverage(digits = 1): string {
  return loadavg()
    .map((n) => n.toFixed(digits))
    .join(' ');
}
