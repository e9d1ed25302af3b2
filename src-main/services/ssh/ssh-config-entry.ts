import { AppError } from '../errors';
import { assertLocalPath, assertSafeValue } from '../files';

/** The directives of one exported `Host` entry, in order; paths are marked so they are quoted. */
export type SshConfigDirective = readonly [name: string, value: string, kind?: 'path'];

/**
 * A path as one ssh_config argument: double-quoted (a space never splits it into two files),
 * `\` doubled (OpenSSH reads `\\` as `\` inside quotes) and `%` doubled (IdentityFile and
 * UserKnownHostsFile expand %-tokens). `${` is refused: OpenSSH would expand an environment variable.
 */
export function quotePath(value: string): string {
  assertLocalPath(value);
  if (value.includes('${')) throw new AppError('files.unsafe_value', `The path ${value} contains "\${", which OpenSSH would expand; nothing was written.`);
  return `"${value.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`;
}

/**
 * Renders a `Host` block. Every value is checked again here (the contract refused them already):
 * no control character, line separator or quote, and no whitespace in a plain value, so each
 * directive stays exactly one line with exactly the intended argument.
 */
export function renderHostBlock(directives: readonly SshConfigDirective[]): string {
  const lines = directives.map(([name, value, kind], index) => {
    assertSafeValue(`ssh_config ${name}`, value);
    let argument = value;
    if (kind === 'path') argument = quotePath(value);
    else if (value === '' || /\s/u.test(value)) throw new AppError('files.unsafe_value', `The ssh_config ${name} must be one word; nothing was written.`);
    return `${index === 0 ? '' : '  '}${name} ${argument}`;
  });
  return `${lines.join('\n')}\n`;
}
