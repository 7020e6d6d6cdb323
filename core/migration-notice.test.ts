import { describe, expect, it } from 'vitest';
import { migrationNotice } from './migration-notice.ts';

const m = { dir: '/lib', from: 10, to: 12, backup: '/lib/library.sqlite.bak-v10-x' };

describe('migrationNotice', () => {
  it('says the migration and the backup; nothing of conversion when no page waits', () => {
    expect(migrationNotice(m)).toBe('library /lib updated from schema v10 to v12; a backup of the old file is at /lib/library.sqlite.bak-v10-x');
    expect(migrationNotice({ ...m, converting: 0 })).toBe(migrationNotice(m));
  });

  it('says pages wait to be converted, and by whom', () => {
    expect(migrationNotice({ ...m, converting: 247 })).toBe(
      'library /lib updated from schema v10 to v12; a backup of the old file is at /lib/library.sqlite.bak-v10-x; 247 pages wait to be converted to the new storage form: the app does it in the background, or `broadsheet upgrade` at once (they read the same meanwhile)',
    );
    expect(migrationNotice({ ...m, converting: 1 })).toContain('; 1 page waits to be converted to the new storage form: ');
  });

  it('said by broadsheet upgrade, which converts right after: no hint to run it', () => {
    expect(migrationNotice({ ...m, converting: 7 }, { upgrading: true })).toBe(
      'library /lib updated from schema v10 to v12; a backup of the old file is at /lib/library.sqlite.bak-v10-x; 7 pages wait to be converted to the new storage form',
    );
  });
});
