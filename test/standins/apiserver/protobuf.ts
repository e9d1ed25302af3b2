/**
 * Reads the request bodies newer kubectl clients send as `application/vnd.kubernetes.protobuf`
 * (the `k8s\0` envelope around a `runtime.Unknown`), for the self-review kinds only: enough of
 * the wire format (varints and length-delimited fields) to recover the review's spec as JSON.
 */

type Fields = Map<number, Array<Buffer | number>>;

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= buf.length) throw new Error('truncated varint');
    const byte = buf[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let at = 0;
  while (at < buf.length) {
    const [key, afterKey] = varint(buf, at);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, at] = varint(buf, afterKey);
    else if (wire === 2) {
      const [length, start] = varint(buf, afterKey);
      if (start + length > buf.length) throw new Error('truncated field');
      value = buf.subarray(start, start + length);
      at = start + length;
    } else throw new Error(`unsupported wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const text = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
const message = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? fields(v) : undefined;
};

function strip(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** The JSON form of a protobuf-encoded self-review (`kind` and `spec`), or an error for anything else. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new Error('not a Kubernetes protobuf envelope');
  const unknown = fields(body.subarray(4));
  const typeMeta = message(unknown, 1);
  const kind = typeMeta ? text(typeMeta, 2) : undefined;
  const raw = unknown.get(2)?.[0];
  const object = Buffer.isBuffer(raw) ? fields(raw) : new Map<number, Array<Buffer | number>>();
  const spec = message(object, 2);
  if (kind === 'SelfSubjectAccessReview' && spec) {
    const r = message(spec, 1);
    const n = message(spec, 2);
    return {
      kind,
      spec: {
        ...(r ? { resourceAttributes: strip({ namespace: text(r, 1), verb: text(r, 2), group: text(r, 3), version: text(r, 4), resource: text(r, 5), subresource: text(r, 6), name: text(r, 7) }) } : {}),
        ...(n ? { nonResourceAttributes: strip({ path: text(n, 1), verb: text(n, 2) }) } : {}),
      },
    };
  }
  if (kind === 'SelfSubjectRulesReview') return { kind, spec: spec ? strip({ namespace: text(spec, 1) }) : {} };
  if (kind === 'SelfSubjectReview') return { kind };
  throw new Error(`protobuf bodies are accepted for self-reviews only, not ${kind ?? 'an unknown kind'}`);
}
