import { hostname } from 'node:os';

/**
 * Who owns an import in progress, and whether that owner is still alive.
 * Several processes (the app, the browser host, CLI imports) may open one
 * library at once; each may only clean up what a dead process left behind,
 * never the work of a live one.
 */

export const OWN_HOST = hostname();

/** Imports this process has begun and not yet finished: same-pid rows are alive only if listed here. */
const liveHere = new Set<string>();

export function markLive(importId: string): void {
  liveHere.add(importId);
}

export function markDone(importId: string): void {
  liveHere.delete(importId);
}

/** A row whose owner stopped beating this long ago is dead even if its pid was reused. */
export const STALE_HEARTBEAT_MS = 60 * 60 * 1000;
/** Owners on another machine (a library on a shared drive) are judged by heartbeat alone. */
export const FOREIGN_HEARTBEAT_MS = 10 * 60 * 1000;

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ImportOwner {
  id: string;
  owner_pid: number;
  owner_host: string;
  heartbeat_at: number;
}

export function ownerAlive(row: ImportOwner, now = Date.now()): boolean {
  const age = now - row.heartbeat_at;
  if (row.owner_host !== OWN_HOST) return age < FOREIGN_HEARTBEAT_MS;
  if (age > STALE_HEARTBEAT_MS) return false;
  if (row.owner_pid === process.pid) return liveHere.has(row.id);
  return pidAlive(row.owner_pid);
}

/** Temp file names carry their writer's pid: `<pid>.<random>`. */
export function tempName(random: string): string {
  return `${process.pid}.${random}`;
}

/** Whether a temp file under tmp/ may be removed: its writer is gone (or it is a day old). */
export function tempAbandoned(name: string, mtimeMs: number, now = Date.now()): boolean {
  const age = now - mtimeMs;
  const match = /^(\d+)\./.exec(name);
  // Names without a pid come from older versions, which wrote and renamed within seconds.
  if (!match) return age > 10 * 60 * 1000;
  const pid = Number(match[1]);
  if (pid === process.pid) return false;
  return !pidAlive(pid) || age > 24 * 60 * 60 * 1000;
}
