import { z } from 'zod';

const Words = z.string().max(2_000);

/**
 * The words of a checklist export in the operator's language, sent by the renderer (which holds the
 * string tables) with the export request: labels, the path and run state, each status and check
 * title, and the template of each evidence or fix code in the run (`{{name}}` placeholders that
 * main fills with the line's params, so names and commands stay verbatim). A line whose code has
 * no template keeps main's English.
 */
export const ExportWording = z.strictObject({
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/),
  labels: z.strictObject({
    heading: Words,
    cluster: Words,
    path: Words,
    started: Words,
    finished: Words,
    check: Words,
    result: Words,
    howToFix: Words,
    portal: Words,
  }),
  pathName: Words,
  runState: Words,
  statuses: z.strictObject({ pass: Words, warn: Words, fail: Words, skip: Words, error: Words }),
  titles: z.record(z.string().max(100), Words),
  lines: z.record(z.string().max(200), Words),
});

/** The words of an export as a type. */
export type ExportWording = z.output<typeof ExportWording>;
