/** The backup's bar, in the top bar and on the page shown while the library opens (LibraryOpening.svelte): the same words. */
export const BACKUP_WORDS = {
  label: 'Library backup',
  action: 'Backing up library before update',
  title: 'A copy of the library as it is now is kept beside it before the update changes it',
} as const;
