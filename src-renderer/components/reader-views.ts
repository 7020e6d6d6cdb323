/**
 * The reader's views, loaded as one chunk after the library's first
 * screenful is on screen (lib/reader-views.svelte.ts): the start-up script
 * holds only what the library needs, so it parses and runs in less time.
 */
export { default as AnnotationsPanel } from './AnnotationsPanel.svelte';
export { default as ArticlesDialog } from './ArticlesDialog.svelte';
export { default as AuxPanel } from './AuxPanel.svelte';
export { default as CleanedTextPanel } from './CleanedTextPanel.svelte';
export { default as CorrectionEditor } from './CorrectionEditor.svelte';
export { default as DocumentDetails } from './DocumentDetails.svelte';
export { default as PageView } from './PageView.svelte';
export { default as PhotosPanel } from './PhotosPanel.svelte';
export { default as RawTextPanel } from './RawTextPanel.svelte';
export { default as SearchResults } from './SearchResults.svelte';
export { default as Splitter } from './Splitter.svelte';
