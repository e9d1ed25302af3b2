import type { ESLint } from 'eslint';

/** Area-to-area import edges, each with one file and specifier that makes it. */
export type AreaGraph = Map<string, Map<string, { file: string; specifier: string }>>;

/** The area a file belongs to: the first folder under `root` (a file directly under `root` is its own area). */
export declare function areaOf(root: string, file: string): string | null;
/** Resolves a relative specifier to an absolute path without extension (null for packages). */
export declare function resolveSpecifier(fromFile: string, specifier: string): string | null;
/** True when `target` (no extension) is the face of `area`: its folder or its index file. */
export declare function isAreaFace(root: string, area: string, target: string): boolean;
/** Area-to-area edges under `root`, read from disk. */
export declare function areaGraph(root: string): AreaGraph;
/** The shortest chain of areas from `start` to `goal` (both included), or null. */
export declare function areaPath(graph: AreaGraph, start: string, goal: string): string[] | null;
/** Every cycle's areas, one strongly connected group per entry. */
export declare function areaCycles(graph: AreaGraph): string[][];
/** The plugin: `area-boundaries/index-only` and `area-boundaries/no-area-cycle`, both with `{ root }`. */
declare const plugin: ESLint.Plugin;
export default plugin;
