/**
 * A small reader of PowerShell command lines, written to PowerShell's quoting rules for native
 * commands (about_Quoting_Rules, about_Parsing), so a test can say which argv a pasted PowerShell
 * line hands to `az`/`kubectl`/`ssh` without a pwsh binary. It throws on anything it does not model
 * (other variables, sub-expressions, splatting, operators, `--%`), so a form that leans on those
 * fails the test instead of passing by accident.
 */

/** Values for the variables a console command may use. */
export interface PowerShellEnv {
  readonly HOME: string;
  readonly USERPROFILE?: string;
}

const SINGLE = "'\u2018\u2019\u201A\u201B";
const DOUBLE = '"\u201C\u201D\u201E';
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** One character of `set`; never true for the end of the line. */
const isIn = (set: string, c: string | undefined): boolean => c !== undefined && c !== '' && set.includes(c);
const OPERATORS = new Set([',', ';', '|', '&', '(', ')', '{', '}', '<', '>', '$']);

function variable(text: string, at: number, env: PowerShellEnv): { value: string; end: number } {
  const m = /^\$(HOME|env:USERPROFILE)(?![A-Za-z0-9_:])/i.exec(text.slice(at));
  if (!m) throw new Error(`unmodelled variable at ${at}: ${text.slice(at, at + 20)}`);
  const value = m[1]!.toLowerCase() === 'home' ? env.HOME : (env.USERPROFILE ?? env.HOME);
  return { value, end: at + m[0].length };
}

/** The argv of each statement (one per line) of a PowerShell command text. */
export function powershellArgv(text: string, env: PowerShellEnv): string[][] {
  const statements: string[][] = [];
  for (const line of text.split('\n')) {
    const words: string[] = [];
    let i = 0;
    let callOperator = false;
    while (i < line.length) {
      const c = line[i]!;
      if (c === ' ' || c === '\t') { i++; continue; }
      if (words.length === 0 && !callOperator && c === '&' && line[i + 1] === ' ') { callOperator = true; i += 2; continue; }
      if (c === '#') throw new Error(`comment at ${i}`);
      let word = '';
      let quoted = false;
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
        const d = line[i]!;
        if (SINGLE.includes(d)) {
          quoted = true;
          for (i++; ; i++) {
            if (i >= line.length) throw new Error('unclosed single quote');
            if (SINGLE.includes(line[i]!)) {
              if (isIn(SINGLE, line[i + 1])) { word += line[i + 1]; i++; continue; }
              i++;
              break;
            }
            word += line[i];
          }
        } else if (DOUBLE.includes(d)) {
          quoted = true;
          for (i++; ; ) {
            if (i >= line.length) throw new Error('unclosed double quote');
            const e = line[i]!;
            if (DOUBLE.includes(e)) {
              if (isIn(DOUBLE, line[i + 1])) { word += line[i + 1]; i += 2; continue; }
              i++;
              break;
            }
            if (e === '`') { const n = line[i + 1] ?? ''; word += ESCAPES[n] ?? n; i += 2; continue; }
            if (e === '$') { const v = variable(line, i, env); word += v.value; i = v.end; continue; }
            word += e;
            i++;
          }
        } else if (d === '`') {
          word += line[i + 1] ?? '';
          i += 2;
        } else if (OPERATORS.has(d) || (d === '@' && word === '' && !quoted) || (d === '-' && word === '' && !quoted && line.startsWith('--%', i))) {
          throw new Error(`unmodelled ${d} at ${i} in ${line}`);
        } else {
          word += d;
          i++;
        }
      }
      // PowerShell splits a bare native argument that starts with '-' at a '.' or ':' (PowerShell/PowerShell#6291).
      if (!quoted && word.startsWith('-') && /[.:]/.test(word)) throw new Error(`bare ${word} is split by PowerShell`);
      words.push(word);
    }
    if (callOperator && words.length === 0) throw new Error('& with no command');
    if (words.length > 0) statements.push(words);
  }
  return statements;
}
