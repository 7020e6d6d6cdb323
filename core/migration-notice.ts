/** What opening an older library did: brought its file from one schema to another, after a backup beside it. */
export interface LibraryMigrated {
  dir: string;
  from: number;
  to: number;
  backup: string;
}

/** The one line every entry point shows (the CLI on stderr, the app as a note). */
export function migrationNotice(m: LibraryMigrated): string {
  return `library ${m.dir} updated from schema v${m.from} to v${m.to}; a backup of the old file is at ${m.backup}`;
}
