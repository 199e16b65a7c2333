import { z } from 'zod';

/**
 * The codes an evaluation set can measure: reason codes, plus `link` for extracted links and
 * `link.flagged` for a link that on its own sends the comment to review or further (a listed,
 * look-alike or impersonating domain at a severity of the policy's review threshold or more).
 */
export const EvalCodeSchema = z.enum(['text.vote_call', 'text.shouting', 'link', 'text.insult', 'text.abuse', 'text.profanity', 'text.threat', 'text.partisan_rhetoric', 'link.listed', 'link.lookalike', 'link.impersonation', 'link.flagged']);
export type EvalCode = z.infer<typeof EvalCodeSchema>;

export const EvalSourceSchema = z.enum(['germeval2018-train', 'germeval2018-test', 'iwg-refugees', 'fox-news', 'seed', 'constructed', 'public-record']);

export const SetsManifestSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/, 'set names are lower-case words joined by hyphens'),
  z.strictObject({ codes: z.array(EvalCodeSchema).min(1), description: z.string() }),
);
export type SetsManifest = z.infer<typeof SetsManifestSchema>;

export const ExpectedSchema = z.strictObject({
  code: EvalCodeSchema,
  evidence: z.string().min(1),
  occurrence: z.number().int().min(1).optional(),
  stance: z.enum(['for', 'against']).optional(),
  party: z.string().min(1).optional(),
  candidate: z.string().min(1).optional(),
  domain: z.string().min(1).optional(),
});

export const EvalItemSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/),
  source: EvalSourceSchema,
  ref: z.string().optional(),
  lang: z.enum(['de', 'en']),
  text: z.string().min(1),
  expect: z.array(ExpectedSchema),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type EvalItemInput = z.infer<typeof EvalItemSchema>;
