// ESLint rules for the folders that hold "areas" (src-main/services/*, src-renderer/features/*):
//   index-only     an area imports a sibling area only through the sibling's index.ts (its public face);
//   no-area-cycle  no chain of imports leads from an area back to itself (type imports count too).
// The import graph is read from disk with TypeScript's pre-processor (imports, re-exports, import()),
// so the rules need no type information and no extra package.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const GRAPH_TTL_MS = 2000;

/** The area a file belongs to: the first folder under `root` (a file directly under `root` is its own area). */
export function areaOf(root, file) {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0].replace(SOURCE, '');
}

/** Resolves a relative specifier to an absolute path without extension (null for packages). */
export function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return null;
  return path.resolve(path.dirname(fromFile), specifier).replace(/\.(js|mjs|ts|tsx|mts)$/, '');
}

/** True when `target` (no extension) is the face of `area`: its folder or its index file. */
export function isAreaFace(root, area, target) {
  const dir = path.join(root, area);
  return target === dir || target === path.join(dir, 'index');
}

function sourceFiles(dir, into = []) {
  if (!fs.existsSync(dir)) return into;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, into);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) into.push(full);
  }
  return into;
}

/** Area-to-area edges under `root`, each with one file and specifier that makes it. */
export function areaGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const from = areaOf(root, file);
    for (const ref of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = resolveSpecifier(file, ref.fileName);
      const to = target && areaOf(root, target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, { file: path.relative(root, file), specifier: ref.fileName });
    }
  }
  return graph;
}

/** The shortest chain of areas from `start` to `goal` (both included), or null. */
export function areaPath(graph, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const area = queue.shift();
    if (area === goal) {
      const chain = [];
      for (let at = goal; at !== null; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const next of graph.get(area)?.keys() ?? []) {
      if (!previous.has(next)) {
        previous.set(next, area);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every cycle's areas, one strongly connected group per entry (for scripts and tests). */
export function areaCycles(graph) {
  const groups = [];
  const seen = new Set();
  for (const area of graph.keys()) {
    if (seen.has(area)) continue;
    const group = [...graph.keys()].filter((other) => areaPath(graph, area, other) && areaPath(graph, other, area));
    group.forEach((member) => seen.add(member));
    if (group.length > 1) groups.push(group.sort());
  }
  return groups;
}

const graphs = new Map();
function cachedGraph(root) {
  const hit = graphs.get(root);
  if (hit && Date.now() - hit.at < GRAPH_TTL_MS) return hit.graph;
  const graph = areaGraph(root);
  graphs.set(root, { graph, at: Date.now() });
  return graph;
}

const rootOption = {
  type: 'object',
  properties: { root: { type: 'string' }, what: { type: 'string' } },
  required: ['root'],
  additionalProperties: false,
};

function onImports(context, visit) {
  const check = (node) => {
    if (node.source && node.source.type === 'Literal' && typeof node.source.value === 'string') visit(node.source, node.source.value);
  };
  return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportExpression: check };
}

function areaContext(context) {
  const { root, what = 'area' } = context.options[0];
  const absoluteRoot = path.resolve(context.cwd, root);
  const file = context.filename;
  return { root: absoluteRoot, file, area: areaOf(absoluteRoot, file), what };
}

/** Calls `report` for each import of this file that reaches another area (not its own), with both areas. */
function onSiblingImports(context, report) {
  const at = areaContext(context);
  if (!at.area) return {};
  return onImports(context, (node, specifier) => {
    const target = resolveSpecifier(at.file, specifier);
    const to = target && areaOf(at.root, target);
    if (to && to !== at.area) report(node, { ...at, to, target });
  });
}

const indexOnly = {
  meta: {
    type: 'problem',
    docs: { description: 'An area imports a sibling area only through its index.ts.' },
    schema: [rootOption],
    messages: { internals: "Import the {{what}} '{{to}}' through its index.ts ('{{face}}'), not its internals." },
  },
  create(context) {
    return onSiblingImports(context, (node, { root, file, what, to, target }) => {
      if (isAreaFace(root, to, target)) return;
      const face = path.relative(path.dirname(file), path.join(root, to)).split(path.sep).join('/');
      context.report({ node, messageId: 'internals', data: { what, to, face: face.startsWith('.') ? face : `./${face}` } });
    });
  },
};

const noAreaCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No chain of imports leads from an area back to itself.' },
    schema: [rootOption],
    messages: { cycle: 'This import closes a cycle between {{what}}s: {{chain}}.' },
  },
  create(context) {
    return onSiblingImports(context, (node, { root, area, what, to }) => {
      const back = areaPath(cachedGraph(root), to, area);
      if (back) context.report({ node, messageId: 'cycle', data: { what, chain: [area, ...back].join(' → ') } });
    });
  },
};

/** The plugin: `area-boundaries/index-only` and `area-boundaries/no-area-cycle`, both with `{ root }`. */
export default { meta: { name: 'area-boundaries' }, rules: { 'index-only': indexOnly, 'no-area-cycle': noAreaCycle } };
