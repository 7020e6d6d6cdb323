/**
 * Splits a text dump into pages as it streams in, so that cleaning and
 * storing a dump of any size works on bounded pieces. A form feed (\f, what
 * pdftotext writes between pages) always ends a page. A page that grows past
 * PAGE_SOFT_CHARS ends at the next blank line (a paragraph boundary in every
 * dump we have seen); one that reaches PAGE_HARD_CHARS ends at the next line
 * end regardless; a single line longer than LINE_MAX_CHARS is cut, because
 * cleaning heuristics (overprint, width) work line by line.
 */

export const PAGE_SOFT_CHARS = 100_000;
export const PAGE_HARD_CHARS = 200_000;
export const LINE_MAX_CHARS = 20_000;

export class TextDumpPager {
  private lines: string[] = [];
  private chars = 0;
  private contentful = false;
  private partial = '';
  private emitted = 0;

  /** Feeds the next piece of decoded text; returns the pages it completed. */
  push(text: string): string[] {
    const done: string[] = [];
    let rest = this.partial + text;
    let nl: number;
    let from = 0;
    while ((nl = rest.indexOf('\n', from)) >= 0) {
      this.line(rest.slice(from, nl), done);
      from = nl + 1;
    }
    rest = rest.slice(from);
    // A line without end yet: cut it once it is too long to be one line of a page.
    while (rest.length > LINE_MAX_CHARS) {
      const cut = safeCut(rest, LINE_MAX_CHARS);
      this.line(rest.slice(0, cut), done);
      rest = rest.slice(cut);
    }
    this.partial = rest;
    return done;
  }

  /** Ends the dump; returns the last page (or one empty page for a dump with no text at all). */
  end(): string[] {
    const done: string[] = [];
    if (this.partial) this.line(this.partial, done);
    this.partial = '';
    this.close(done);
    if (this.emitted === 0) {
      this.emitted++;
      done.push('');
    }
    return done;
  }

  private line(text: string, done: string[]): void {
    const pages = text.split('\f');
    pages.forEach((part, k) => {
      if (k > 0) this.close(done);
      for (let at = 0; at < part.length || (at === 0 && part.length === 0); ) {
        const cut = part.length - at > LINE_MAX_CHARS ? at + safeCut(part.slice(at), LINE_MAX_CHARS) : part.length;
        this.add(part.slice(at, cut), done);
        if (cut === at) break;
        at = cut;
      }
    });
  }

  private add(line: string, done: string[]): void {
    const blank = line.trim() === '';
    if (blank && this.chars >= PAGE_SOFT_CHARS) this.close(done);
    else if (this.chars + line.length > PAGE_HARD_CHARS) this.close(done);
    this.lines.push(line);
    this.chars += line.length + 1;
    if (!blank) this.contentful = true;
  }

  private close(done: string[]): void {
    if (this.contentful) {
      done.push(this.lines.join('\n'));
      this.emitted++;
    }
    this.lines = [];
    this.chars = 0;
    this.contentful = false;
  }
}

/** A cut point at or below n that does not split a surrogate pair. */
function safeCut(s: string, n: number): number {
  const c = s.charCodeAt(n - 1);
  return c >= 0xd800 && c <= 0xdbff ? n - 1 : n;
}
