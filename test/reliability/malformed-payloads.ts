import fc from 'fast-check';

/** A value whose JSON form never ends (the router must not hang or crash on it). */
function circular(): unknown {
  const a: Record<string, unknown> = { name: 'loop' };
  a.self = a;
  return a;
}

/** An object whose getters throw when read (a hostile renderer can send such a thing through a harness). */
function throwingGetter(): unknown {
  return Object.defineProperty({}, 'url', { enumerable: true, get: () => { throw new Error('boom'); } });
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/**
 * Payloads a hostile or buggy renderer might send: arbitrary values of every JS type, prototype
 * pollution attempts, oversized and deeply nested documents, circular and throwing objects,
 * strings full of control characters, and objects with extra or wrongly typed fields.
 */
export function malformedPayload(maxBytes: number): fc.Arbitrary<unknown> {
  const hostileString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.constantFrom('<script>alert(1)</script>', '\u001b]0;pwn\u0007', '../../etc/passwd', '\u0000', 'javascript:alert(1)', '${jndi:ldap://x}', '%00', 'A'.repeat(300)),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true }) },
    { weight: 3, arbitrary: fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }))) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, JSON.parse('{"__proto__":{"toString":"x"},"url":"https://learn.microsoft.com/"}')) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((k) => ({ blob: 'x'.repeat(maxBytes * k + 1) })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(circular(), throwingGetter(), nested(5000), () => 1, Symbol('s'), Number.NaN, Infinity, -0, 2n ** 70n) },
    { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 1 }), { minLength: 1, maxLength: 8 }) },
  );
}
