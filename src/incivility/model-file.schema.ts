import { z } from 'zod';

const probability = z.number().min(0).max(1);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** data/models/incivility.json: what `npm run train:incivility` writes and the engine loads. */
export const IncivilityModelFileSchema = z.object({
  format: z.literal('loupe-incivility-model/1'),
  version: z.string().min(1).max(40),
  trainingDataHash: z.string().regex(/^[0-9a-f]{64}$/),
  recipe: z.unknown(),
  training: z.object({
    documents: z.number().int(),
    offensive: z.number().int(),
    bySource: z.record(z.string(), z.number().int()),
    heldOutEvalTexts: z.number().int(),
    labelledByLoupe: z.number().int(),
    sources: z.array(z.object({ name: z.string(), license: z.string(), attribution: z.string() })),
  }),
  /** The lexicon the model was trained with (data/lexicons/): its files' fingerprint must match at load. */
  lexicon: z.object({ versions: z.array(z.string()), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  buckets: z.number().int().min(2).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  thresholds: z.object({ insult: probability, abuse: probability, profanity: probability }),
  offense: z.object({ scale: z.number().positive(), bias: z.number(), platt: z.object({ a: z.number(), b: z.number() }), weights: base64 }),
  fine: z.object({ classes: z.tuple([z.literal('insult'), z.literal('abuse'), z.literal('profanity')]), scale: z.number().positive(), bias: z.array(z.number()).length(3), weights: base64 }),
  metrics: z.object({
    cvMacroF1: z.number(),
    threshold: probability,
    germeval2018Test: z.object({ coarseMacroF1: z.number(), fineMacroF1: z.number(), items: z.number().int() }),
  }),
});
export type IncivilityModelFile = z.infer<typeof IncivilityModelFileSchema>;
