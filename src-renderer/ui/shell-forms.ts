/**
 * The PowerShell form of a copyable command. The console builds every command in POSIX form
 * (`az-commands.ts`, and the `az` lines main sends with a check's fix); this module reads that form
 * back into words and writes the same words for PowerShell, so both forms come from one source and
 * mean the same argv. Only the POSIX the console writes is understood (bare words, single and double
 * quotes, backslash, a leading `~/`); a line with anything else (pipes, redirections, variables,
 * globs, placeholders such as `<ip>`) has no PowerShell form, rather than a wrong one.
 */

/** One word of a command: its literal text, after `$HOME` when the POSIX form began with `~/`. */
export interface ShellWord {
  readonly home: boolean;
  readonly text: string;
}

/** A command's words, one list per command line. */
export type ShellCommands = ShellWord[][];

const UNQUOTED_SPECIAL = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '!']);

/** Reads the POSIX form into words per line; undefined when it uses shell features beyond quoting. */
export function posixWords(text: string): ShellCommands | undefined {
  const commands: ShellCommands = [];
  let words: ShellWord[] = [];
  let word: { home: boolean; text: string } | undefined;
  const endWord = () => {
    if (word) words.push(word);
    word = undefined;
  };
  const endLine = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '\n') {
      endLine();
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      word = { home: word?.home ?? false, text: (word?.text ?? '') + text.slice(i + 1, close) };
      i = close;
    } else if (c === '"') {
      let out = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        const d = text[i]!;
        if (d === '$' || d === '`') return undefined;
        if (d === '\\' && i + 1 < text.length && '$`"\\'.includes(text[i + 1]!)) out += text[++i];
        else out += d;
      }
      if (i >= text.length) return undefined;
      word = { home: word?.home ?? false, text: (word?.text ?? '') + out };
    } else if (c === '\\') {
      if (i + 1 >= text.length || text[i + 1] === '\n') return undefined;
      word = { home: word?.home ?? false, text: (word?.text ?? '') + text[++i] };
    } else if (c === '~' && !word && text[i + 1] === '/') {
      word = { home: true, text: '' };
      i++;
    } else if (UNQUOTED_SPECIAL.has(c) || (c === '#' && !word) || (c === '~' && !word)) {
      return undefined;
    } else {
      word = { home: word?.home ?? false, text: (word?.text ?? '') + c };
    }
  }
  endLine();
  return commands;
}

/** True for a word PowerShell passes to a native command unchanged when written bare. */
function bareInPowerShell(text: string): boolean {
  if (text.startsWith('-')) return /^--?[A-Za-z0-9][A-Za-z0-9-]*$/.test(text);
  return /^[A-Za-z0-9_./:+=][A-Za-z0-9_./:+=@-]*$/.test(text);
}

/**
 * One word in PowerShell: bare when safe, otherwise single-quoted with `'` doubled (PowerShell also
 * reads the typographic quotes as quotes, so those are doubled too). A home-relative word becomes a
 * double-quoted string that starts with `$HOME` (on Windows that is `%USERPROFILE%`), its rest
 * escaped with backticks.
 */
export function powershellQuote(word: ShellWord): string {
  if (word.home) return `"$HOME/${word.text.replace(/[`"$\u201C\u201D\u201E]/g, (m) => `\`${m}`)}"`;
  if (bareInPowerShell(word.text)) return word.text;
  return `'${word.text.replace(/['\u2018\u2019\u201A\u201B]/g, (m) => m + m)}'`;
}

/** The PowerShell form of a POSIX command text (lines kept), or undefined when there is none. */
export function powershellForm(posix: string): string | undefined {
  const commands = posixWords(posix);
  if (!commands || commands.length === 0) return undefined;
  return commands
    .map(([program, ...args]) => {
      const head = program!.home || !bareInPowerShell(program!.text) ? `& ${powershellQuote(program!)}` : program!.text;
      return [head, ...args.map(powershellQuote)].join(' ');
    })
    .join('\n');
}
