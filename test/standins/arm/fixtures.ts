import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official `x-ms-examples` bodies (unmodified copies in ./fixtures, provenance in
 * ./fixtures/SOURCES.md). Scenario builders start from these and apply small documented overrides.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, unknown>();

/** A deep copy of `responses.<status>.body` of one fixture, e.g. `network/VirtualNetworkGet`. */
export function fixtureBody<T = Record<string, unknown>>(name: string, status = '200'): T {
  let doc = cache.get(name);
  if (!doc) {
    doc = JSON.parse(readFileSync(path.join(here, 'fixtures', `${name}.json`), 'utf8'));
    cache.set(name, doc);
  }
  const body = (doc as { responses: Record<string, { body?: unknown }> }).responses[status]?.body;
  if (body === undefined) throw new Error(`fixture ${name} has no ${status} body`);
  return structuredClone(body) as T;
}

/**
 * Rewrites the example's placeholder subscription and resource group in every nested id
 * (`00000000-…`, `subid`, `{subscription-id}` differ per service) to the scenario's own.
 */
export function rehome<T>(body: T, subscriptionId: string, resourceGroup: string): T {
  const text = JSON.stringify(body).replace(
    /\/subscriptions\/[^/"]+\/resource[Gg]roups\/[^/"]+\//g,
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/`,
  );
  return JSON.parse(text) as T;
}

type Json = Record<string, unknown>;

/** Deep-merges `patch` into `base` (objects merge, arrays and scalars replace, `undefined` deletes). */
export function merge<T extends Json>(base: T, patch: Json): T {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else if (value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object' && !Array.isArray(out[key])) {
      out[key] = merge(out[key] as Json, value as Json);
    } else out[key] = value;
  }
  return out as T;
}
