/**
 * Finds English sentences in text meant for a Japanese screen. A sentence is a run of three or more
 * Latin words with at least two English function words ("the", "was", "not" …): product names
 * (`Azure Resource Manager`, `Just-In-Time (JIT) VM`), resource names and commands have none, so
 * they stay allowed without a list of them. Verbatim values (resource names, commands, quoted ARM
 * values) are removed first.
 */
const FUNCTION_WORDS = new Set(
  `a an the is are was were be been being not no to of for and or but with in on at by from this that these those it its
   your you we our could can cannot can't couldn't did does do has have had will would should must may might again when then
   than there here only yet still already before after while which what who whose how why into out up please try`
    .split(/\s+/)
    .filter(Boolean),
);

/** The English sentences in `text`, after removing the verbatim strings and anything quoted or in backticks. */
export function englishSentences(text: string, verbatim: readonly string[] = []): string[] {
  let rest = text;
  for (const value of [...verbatim].filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  rest = rest.replace(/`[^`]*`|"[^"]*"|“[^”]*”|「[^」]*」/g, ' ');
  const found: string[] = [];
  for (const match of rest.matchAll(/[A-Za-z][A-Za-z'’-]*(?:[\s,;:()]+[A-Za-z][A-Za-z'’-]*){2,}/g)) {
    const words = match[0].split(/[\s,;:()]+/).filter(Boolean);
    const functionWords = words.filter((w) => FUNCTION_WORDS.has(w.toLowerCase()));
    if (functionWords.length >= 2) found.push(match[0]);
  }
  return found;
}
