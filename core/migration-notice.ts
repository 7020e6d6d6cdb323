/** What opening an older library did: brought its file from one schema to another, after a backup beside it. */
export interface LibraryMigrated {
  dir: string;
  from: number;
  to: number;
  backup: string;
  /** Pages still in the older storage form, converted after opening (src-main/library/raw-items-upgrade.ts); absent or 0: none. */
  converting?: number;
}

/** The one line every entry point shows (the CLI on stderr, the app as a note). */
export function migrationNotice(m: LibraryMigrated): string {
  const converting = m.converting
    ? `; ${m.converting} page${m.converting === 1 ? ' is' : 's are'} converted to the new storage form in the background while the app is open, or at once by broadsheet upgrade (they read the same meanwhile)`
    : '';
  return `library ${m.dir} updated from schema v${m.from} to v${m.to}; a backup of the old file is at ${m.backup}${converting}`;
}
