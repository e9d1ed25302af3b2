/**
 * What a Japanese operator reads on the screen, checked as a reader would: every visible text node
 * outside verbatim places (code, commands, terminals, and anything marked `lang="en"` as an
 * untranslated original), run through the English-sentence checker and the guide's glossary.
 */
import type { Page } from 'playwright-core';
import { englishSentences } from '../../support/english-text';
import { glossaryProblems } from '../../support/ja-glossary';

/** Elements whose text is verbatim by design: commands, code, terminals, labelled English originals. */
const VERBATIM = 'code, pre, kbd, samp, textarea, input, .xterm, .terminal-mount, [lang="en"], [translate="no"], script, style';

/** The visible text nodes of the page that are not inside a verbatim element. */
export async function visibleProse(page: Page): Promise<string[]> {
  return page.evaluate((verbatim) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest(verbatim)) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    return out;
  }, VERBATIM);
}

/** English sentences and glossary breaks in the page's visible prose, each with the text it was found in. */
export async function japaneseScreenProblems(page: Page, verbatim: readonly string[] = []): Promise<string[]> {
  const problems: string[] = [];
  for (const text of await visibleProse(page)) {
    for (const sentence of englishSentences(text, verbatim)) problems.push(`English: "${sentence}" in "${text}"`);
    for (const rule of glossaryProblems(text)) problems.push(`glossary: ${rule} in "${text}"`);
  }
  return problems;
}
