/** What opening an older library did: brought its file from one schema to another, after a backup beside it. */
export interface LibraryMigrated {
  dir: string;
  from: number;
  to: number;
  backup: string;
  /**
   * Pages still in the older storage form, waiting to be converted (src-main/library/raw-items-upgrade.ts); absent
   * or 0: none. The CLI says the count at opening; app.info says what is waiting now, so a note never goes stale.
   */
  converting?: number;
}

export interface MigrationNoticeOptions {
  /** Said by `broadsheet upgrade` itself, which converts right after: no hint to run it. */
  upgrading?: boolean;
}

/** The one line every entry point shows (the CLI on stderr, the app as a note). */
export function migrationNotice(m: LibraryMigrated, opts: MigrationNoticeOptions = {}): string {
  const n = m.converting ?? 0;
  const how = opts.upgrading ? '' : ': the app does it in the background, or `broadsheet upgrade` at once (they read the same meanwhile)';
  const converting = n > 0 ? `; ${n} page${n === 1 ? ' waits' : 's wait'} to be converted to the new storage form${how}` : '';
  return `library ${m.dir} updated from schema v${m.from} to v${m.to}; a backup of the old file is at ${m.backup}${converting}`;
}
