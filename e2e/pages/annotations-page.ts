import type { Locator, Page } from '@playwright/test';
import { ReaderPage } from './reader-page.ts';

/** The annotation and correction tools as an archivist reaches them: by role and name. */
export class AnnotationsPage extends ReaderPage {
  readonly list: Locator;
  readonly editor: Locator;
  readonly corrector: Locator;
  readonly pageHighlights: Locator;
  readonly annotateButton: Locator;
  readonly tagCounts: Locator;

  constructor(page: Page) {
    super(page);
    this.list = this.annotations.getByRole('list', { name: 'Annotations', exact: true });
    this.editor = page.getByRole('dialog', { name: /annotation|Annotate/ });
    this.corrector = page.getByRole('dialog', { name: /^Correct block/ });
    this.pageHighlights = page.getByTestId('annotation-highlight');
    this.annotateButton = page.getByRole('button', { name: 'Annotate', exact: true });
    this.tagCounts = this.annotations.getByRole('list', { name: 'Annotations per tag' });
  }

  items(): Locator {
    return this.list.getByRole('listitem');
  }

  /** The panel's "Import annotations…" (named apart from the Library's "Import…"), as the archivist uses it: through the file chooser. */
  async importAnnotations(file: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.annotations.getByRole('button', { name: 'Import annotations…', exact: true }).click()]);
    await chooser.setFiles(file);
  }

  /** The annotation editor's "Your name" (the library's `author` setting, the creator of a new annotation). */
  editorName(): Locator {
    return this.editor.getByRole('textbox', { name: /Your name/ });
  }

  /** Version `n` in the correction editor's history (newest first). */
  historyEntry(n: number): Locator {
    return this.corrector.getByRole('listitem').filter({ has: this.page.getByText(n === 0 ? 'Version 0 · as cleaned' : `Version ${n}`, { exact: true }) });
  }

  /** Version `n`'s diff against the one before, as the history shows it. */
  historyDiff(n: number): Locator {
    return this.historyEntry(n).getByRole('paragraph');
  }

  /** What the editor shows the annotation will quote (read-only). */
  editorQuote(): Locator {
    return this.editor.getByRole('blockquote');
  }

  /** Types tags and presses Enter, as an archivist finishing a tag does: it must not save. */
  async typeTagsThenEnter(tags: string): Promise<void> {
    const field = this.editor.getByRole('textbox', { name: /Tags/ });
    await field.fill(tags);
    await field.press('Enter');
  }

  /** Fills the editor and saves with the keyboard (Ctrl+Enter). */
  async fillEditor(opts: { colour?: string; tags?: string; note?: string }): Promise<void> {
    await this.editor.waitFor();
    if (opts.colour) await this.editor.getByRole('radio', { name: opts.colour }).check();
    if (opts.tags !== undefined) await this.editor.getByRole('textbox', { name: /Tags/ }).fill(opts.tags);
    const note = this.editor.getByRole('textbox', { name: /Note/ });
    if (opts.note !== undefined) await note.fill(opts.note);
    await note.press('Control+Enter');
    await this.editor.waitFor({ state: 'hidden' });
  }

  /** How many ranges the cleaned text paints in a colour (CSS Custom Highlight API). */
  textHighlightCount(colour: string): Promise<number> {
    return this.page.evaluate((c) => CSS.highlights.get(`anno-${c}`)?.size ?? 0, colour);
  }

  /** Selects characters [from, to) of a cleaned block's text, as a mouse drag would. */
  async selectInBlock(blockId: string, from: number, to: number): Promise<void> {
    await this.block(blockId)
      .locator('.block-text')
      .evaluate(
        (el, [a, b]) => {
          const node = el.firstChild!;
          const range = document.createRange();
          range.setStart(node, a);
          range.setEnd(node, b);
          const sel = document.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
        },
        [from, to] as const,
      );
  }
}
