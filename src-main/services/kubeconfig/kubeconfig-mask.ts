import { createHash } from 'node:crypto';
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document } from 'yaml';

// Field names whose values are credentials, in any section (user, auth-provider config, exec, ...).
const SECRET_KEY = /token|password|passphrase|secret|key-data|credential/i;
// Long but public values: shown as their length and a short hash, so a change is still visible.
const CERTIFICATE_KEY = /certificate(-authority)?-data$/i;
const UNREADABLE = '# (content not shown: the file cannot be read as YAML)\n';

function sha8(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function keyName(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Replaces a value node in place by a plain scalar (any quoting, block or flow style of the original). */
function replaceValue(doc: Document, pair: { value: unknown }, text: string): void {
  const scalar = doc.createNode(text) as Scalar;
  scalar.type = Scalar.PLAIN;
  pair.value = scalar;
}

function scalarText(node: unknown): string {
  return isScalar(node) ? String(node.value ?? '') : '';
}

/**
 * Masks credential values (and shortens certificates) for a diff shown in the UI. Works on the YAML
 * structure, so a value is found whatever its quoting, block or flow style, line ending (CRLF on
 * Windows) or BOM: any field named like a credential, every exec `env` value and every value in an
 * auth-provider's `config`. A file that is not readable YAML is not shown at all.
 */
export function maskKubeconfig(text: string): string {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: false });
  if (doc.errors.length > 0) return text.trim() === '' ? text : UNREADABLE;
  visit(doc, {
    Pair(_, pair, path) {
      const key = keyName(pair.key);
      if (key === undefined) return;
      const parentKey = [...path].reverse().find(isPair);
      const inEnvEntry = key === 'value' && path.some((node) => isPair(node) && keyName(node.key) === 'env');
      const inProviderConfig = isMap(pair.value) === false && parentKey !== undefined && keyName(parentKey.key) === 'config';
      if (SECRET_KEY.test(key) || inEnvEntry || inProviderConfig) {
        if (isMap(pair.value) || isSeq(pair.value)) return;
        replaceValue(doc, pair, '<hidden>');
        return visit.SKIP;
      }
      if (CERTIFICATE_KEY.test(key) && isScalar(pair.value)) {
        const value = scalarText(pair.value);
        replaceValue(doc, pair, `<${value.length} characters, sha256 ${sha8(value)}>`);
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
