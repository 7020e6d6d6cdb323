import type { DatabaseSync } from 'node:sqlite';
import type { MigrationReport } from './migrations.ts';
import { pendingRawItems } from './raw-items-upgrade.ts';
import type { LibraryMigrated } from '../../core/migration-notice.ts';

export { migrationNotice, type LibraryMigrated } from '../../core/migration-notice.ts';

/**
 * Saying that a library was migrated: opening an older library changes its
 * file and writes a backup beside it, and the archivist should hear of both
 * once, from whichever entry point opened it (the CLI on stderr, the app as a
 * note through app.info). LibraryStore announces; each entry point listens.
 */

/**
 * A migration that wrote a backup (an existing library brought up to date), else null (nothing to say). With `db`,
 * how many pages it left to convert after opening (raw-items-upgrade.ts), when there are any.
 */
export function libraryMigrated(dir: string, report: MigrationReport, db?: DatabaseSync): LibraryMigrated | null {
  if (report.backup === null) return null;
  const converting = db ? pendingRawItems(db) : 0;
  return { dir, from: report.from, to: report.to, backup: report.backup, ...(converting ? { converting } : {}) };
}

const listeners = new Set<(m: LibraryMigrated) => void>();

/** Called with every migration a LibraryStore in this process runs from now on. Returns the unsubscribe. */
export function onLibraryMigrated(fn: (m: LibraryMigrated) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function announceMigration(m: LibraryMigrated | null): void {
  if (m) for (const fn of listeners) fn(m);
}

/**
 * What app.info says of the migration: as at opening, but with the pages waiting *now* (the background pass
 * converts them while the app runs), so a note drawn later, or a reload after the pass, never shows a stale count.
 */
export function migratedNow(migrated: LibraryMigrated, db: DatabaseSync): Omit<LibraryMigrated, 'dir'> {
  const converting = pendingRawItems(db);
  return { from: migrated.from, to: migrated.to, backup: migrated.backup, ...(converting ? { converting } : {}) };
}
