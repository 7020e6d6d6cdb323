/**
 * The language of a document and of its parts, from the characters
 * themselves (WCAG 3.1.2): screen readers pick their voice and browsers their
 * CJK glyph forms by it. Scripts are told apart with Unicode properties;
 * Chinese is told Simplified or Traditional by characters that exist in only
 * one of the two forms; kana means Japanese, Hangul Korean. Latin text is
 * taken as English, the archive's default, unless the document says otherwise.
 */

/** Languages the archivist can choose in Details… ('' = detect from the text). */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  'zh-Hans': 'Chinese (Simplified)',
  'zh-Hant': 'Chinese (Traditional)',
  ja: 'Japanese',
  ko: 'Korean',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  it: 'Italian',
  nl: 'Dutch',
  ru: 'Russian',
};

/** A BCP 47 tag as stored ('' = automatic): language, optional script, optional region. */
export const LANGUAGE_TAG_RE = /^(|[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?)$/;

/* Common characters whose form differs between the two standards (这/這, 国/國, …): one of each pair. */
const SIMPLIFIED_ONLY = new Set('这个们来时国会说对发经为过后开学动实长现间问关业东进产与报记门见车书马电话头当万从还应没种机样华体区务县乡级传总员论认让设议调么边运选费识职营环决压热将师历连农爱网钱医剧脑视听语读讯较买卖价观达顺领飞养须难')
const TRADITIONAL_ONLY = new Set('這個們來時國會說對發經為過後開學動實長現間問關業東進產與報記門見車書馬電話頭當萬從還應沒種機樣華體區務縣鄉級傳總員論認讓設議調麼邊運選費識職營環決壓熱將師歷連農愛網錢醫劇腦視聽語讀訊較買賣價觀達順領飛養須難')

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  cyrillic: number;
  simplified: number;
  traditional: number;
}

/** Letters per script in (at most the first `limit` characters of) a text: enough to decide, cheap on a huge page. */
export function countScripts(text: string, limit = 20000): ScriptCounts {
  const c: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, cyrillic: 0, simplified: 0, traditional: 0 };
  let seen = 0;
  for (const ch of text) {
    if (++seen > limit) break;
    if (ch.charCodeAt(0) < 0x41) continue; // digits, spaces, ASCII punctuation
    if (HAN.test(ch)) {
      c.han++;
      if (SIMPLIFIED_ONLY.has(ch)) c.simplified++;
      else if (TRADITIONAL_ONLY.has(ch)) c.traditional++;
    } else if (KANA.test(ch)) c.kana++;
    else if (HANGUL.test(ch)) c.hangul++;
    else if (LATIN.test(ch)) c.latin++;
    else if (CYRILLIC.test(ch)) c.cyrillic++;
  }
  return c;
}

/** The language the text is written in, or null when it has no letters to tell by. */
export function detectLanguage(text: string): string | null {
  const c = countScripts(text);
  const cjk = c.han + c.kana + c.hangul;
  const letters = cjk + c.latin + c.cyrillic;
  if (letters === 0) return null;
  // A CJK character carries about a word; Latin letters take ~5 to a word.
  if (cjk * 5 >= c.latin + c.cyrillic) {
    // Japanese writes grammar in kana: a few per cent of kana among kanji is Japanese, never Chinese.
    if (c.kana >= Math.max(1, cjk * 0.05)) return 'ja';
    if (c.hangul >= c.han) return 'ko';
    if (c.traditional > c.simplified) return 'zh-Hant';
    if (c.simplified > c.traditional) return 'zh-Hans';
    return 'zh';
  }
  return c.cyrillic > c.latin ? 'ru' : 'en';
}

const family = (lang: string | null): string | null => {
  if (!lang) return null;
  if (/^(zh|ja|ko)\b/.test(lang)) return 'cjk';
  if (/^(ru|uk|bg|sr|be|mk)\b/.test(lang)) return 'cyrillic';
  return 'latin';
};

/**
 * The document's language: the archivist's choice where set, else what its
 * text reads as, else English (the app's own language).
 */
export function documentLanguage(chosen: string, text: string): string {
  return chosen || detectLanguage(text) || 'en';
}

/**
 * The lang attribute a part (block) needs inside a document of `docLang`, or
 * undefined when it inherits: an English byline in a Chinese paper gets "en";
 * a French paragraph in a document set to French inherits rather than being
 * called English; a run of digits inherits.
 */
export function partLanguage(text: string, docLang: string): string | undefined {
  const lang = detectLanguage(text);
  if (!lang || lang === docLang) return undefined;
  // Same script family as the document: its language (set by the archivist, or detected on more text) is the better guess.
  if (family(lang) === family(docLang) && (lang === 'en' || lang === 'zh' || docLang.startsWith(lang))) return undefined;
  if (family(lang) === 'cjk' && family(docLang) === 'cjk' && lang.startsWith('zh') && docLang.startsWith('zh')) return undefined;
  return lang;
}
