import { z } from 'zod';

/**
 * What main tells the operator, as a stable code and the values it names; the renderer words it in
 * the operator's language from its own tables (`messages.<code>`). `text` is main's English wording,
 * kept for logs, the English UI and as the labelled original when a language lacks the code.
 * A param whose name starts with `@` holds the code of a nested message (an ARM read's subject).
 */
export const Message = z.object({
  code: z.string().max(120),
  text: z.string(),
  params: z.record(z.string(), z.string()),
});

/** A message as a type. */
export type Message = z.output<typeof Message>;
