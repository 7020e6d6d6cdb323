import { describe, expect, it } from 'vitest';
import { START_ANSWERS_ID, startAnswersBlock, type StartAnswers } from './start-answers.ts';

const settingsReply = { ok: false, error: 'x' } as const;

/** What the renderer does: the block's text, parsed as JSON. */
function readBack(html: string): unknown {
  const m = new RegExp(`^<script type="application/json" id="${START_ANSWERS_ID}" data-events="17">([^]*)</script>$`).exec(html);
  if (!m) throw new Error(`not one data block: ${html}`);
  return JSON.parse(m[1]);
}

describe('startAnswersBlock', () => {
  it('writes the answers so that no library text can end the block or open markup, and reads back equal', () => {
    const hostile = 'A title </script><script>alert(1)</script> <!-- & \u2028\u2029 >';
    const answers = { settings: settingsReply, columns: { ok: false, error: hostile } } as unknown as StartAnswers;
    const html = startAnswersBlock(answers, 17);
    // One closing tag: the block's own. No "<" of the text survives as markup.
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.slice(0, -'</script>'.length).split('<').length).toBe(2);
    expect(html).not.toContain('\u2028');
    expect(readBack(html)).toEqual(answers);
  });
});
