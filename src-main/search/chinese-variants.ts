import { createRequire } from 'node:module';

type Convert = (text: string) => string;
type Dict = string | string[][];
interface Config {
  normalizationChain?: Dict[][];
  segmentation?: unknown;
  conversionChain: Dict[][];
}
interface OpenCCModule {
  Converter(o: { from: string; to: string }): Convert;
  ConverterFactory(...groups: Dict[][]): Convert;
  Locale: { configs: Record<string, Config> };
}

let openCC: OpenCCModule | null = null;

/** OpenCC's module: its dictionaries as text, cheap to load (~40 ms); building a converter from them is what costs. */
function module(): OpenCCModule {
  return (openCC ??= createRequire(import.meta.url)('opencc-js') as OpenCCModule);
}

/**
 * Simplified ↔ traditional forms of a text through OpenCC: what
 * Converter({ from: 'cn', to: 't' }) and ({ from: 't', to: 'cn' }) give.
 *
 * Not through those converters: the simplified→traditional one builds a
 * trie of its whole 400 KB phrase dictionary, ~450 ms of CPU, which every
 * CLI search that asks for variants (or finds nothing as typed, to count the
 * other form) paid. A search term is a few characters, so each conversion
 * is built from the dictionary entries that can match it: those whose source
 * has only characters of the (normalized) text. An entry with any other
 * character never matches, and its trie nodes are never reached on the way
 * to one that does, so the result is the same (checked on 30,000 words and
 * some sentences when this was written; chinese-variants.test.ts keeps a few).
 * Entries stay in their dictionary's order, so the same one wins a tie.
 */
export function chineseVariants(): (text: string) => string[] {
  const toSimplified = converter('t2s', { from: 't', to: 'cn' });
  const toTraditional = converter('s2t', { from: 'cn', to: 't' });
  return (text) => [toSimplified(text), toTraditional(text)];
}

const converters = new Map<string, Convert>();

function converter(name: string, whole: { from: string; to: string }): Convert {
  let convert = converters.get(name);
  if (convert) return convert;
  const OpenCC = module();
  const config = OpenCC.Locale.configs[name];
  const readable = config && !config.segmentation && config.conversionChain.every((g) => g.every((d) => typeof d === 'string'));
  if (!readable) {
    // A configuration this does not know how to narrow: the whole converter, as before.
    convert = OpenCC.Converter(whole);
  } else {
    const normalize = OpenCC.ConverterFactory(...(config.normalizationChain ?? []));
    const chain = config.conversionChain as string[][];
    convert = (text) => {
      const normal = normalize(text);
      const chars = new Set(normal);
      return OpenCC.ConverterFactory(...chain.map((group) => group.map((dict) => entriesWithin(dict, chars))))(normal);
    };
  }
  converters.set(name, convert);
  return convert;
}

/** The entries of `dict` ("source replacement|…"), in order, whose source has only these characters. */
function entriesWithin(dict: string, chars: ReadonlySet<string>): string[][] {
  const starts = new Set<number>();
  for (const ch of chars)
    for (let p = dict.indexOf(ch); p >= 0; p = dict.indexOf(ch, p + 1)) {
      const start = dict.lastIndexOf('|', p) + 1;
      if (p < dict.indexOf(' ', start)) starts.add(start);
    }
  const out: string[][] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const end = dict.indexOf('|', start);
    const [source, replacement] = dict.slice(start, end < 0 ? dict.length : end).split(' ');
    if ([...source].every((c) => chars.has(c))) out.push([source, replacement]);
  }
  return out;
}

/**
 * True when neither conversion of chineseVariants can change this text, read
 * straight from the dictionaries the converters are built from (the 's2t'
 * and 't2s' configurations behind Converter cn→t and t→cn), without building
 * them. A conversion replaces runs of text that are some dictionary entry's
 * source; an entry that changes anything either changes one of its source's
 * characters in place or has a replacement of another length. So when no
 * character of the text is changed in place by any entry, nor in the source
 * of an entry of another length, every entry the text can match leaves it
 * as it is, and both forms are the text itself. Errs towards false (an
 * entry it cannot read counts as a change): false only means the converters
 * are asked.
 */
export function hasNoOtherForm(text: string): boolean {
  const { configs } = module().Locale;
  const dicts = ['s2t', 't2s'].flatMap((name) => {
    const c = configs[name];
    return c ? [...(c.normalizationChain ?? []), ...c.conversionChain].flat() : [null];
  });
  for (const ch of new Set(text)) for (const d of dicts) if (typeof d !== 'string' || changes(d, ch)) return false;
  return true;
}

/** Whether an entry of `dict` ("source replacement|source replacement|…") changes `ch` where it stands in its source, or has `ch` in a source whose replacement is of another length. */
function changes(dict: string, ch: string): boolean {
  for (let p = dict.indexOf(ch); p >= 0; p = dict.indexOf(ch, p + 1)) {
    const start = dict.lastIndexOf('|', p) + 1;
    const space = dict.indexOf(' ', start);
    if (space < 0) return true;
    if (p > space) continue;
    const end = dict.indexOf('|', space);
    const source = dict.slice(start, space);
    const replacement = dict.slice(space + 1, end < 0 ? dict.length : end);
    if (source === replacement) continue;
    const from = [...source];
    const to = [...replacement];
    if (from.length !== to.length) return true;
    // The code point index of this occurrence within the source.
    const at = [...dict.slice(start, p)].length;
    if (to[at] !== ch) return true;
  }
  return false;
}
