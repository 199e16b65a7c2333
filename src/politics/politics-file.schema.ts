import { z } from 'zod';

/** An ISO calendar date, `YYYY-MM-DD`. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'a date as YYYY-MM-DD');
const Id = z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/u, 'an id as <country>-<name>, lower case');
const Names = z.array(z.string().min(1).max(80)).max(40);

const Entry = {
  id: Id,
  name: z.string().min(1).max(80),
  aliases: Names,
  caseSensitiveAliases: Names.optional(),
  /** Slurs for the entry: a call with one is a call against it. */
  mocking: Names.optional(),
  /** Colour words and letters that name it only right next to a vote word ("vote blue"). */
  nextToVoteOnly: Names.optional(),
  /** Recognised only from / until this day (a party founded or dissolved). */
  validFrom: Day.optional(),
  validUntil: Day.optional(),
  note: z.string().max(300).optional(),
  /** Years of the elections the entry stands in, when they differ from the file's (a state premier). */
  electionYears: z.array(z.number().int().min(1900).max(2100)).max(60).optional(),
};

/** One country's file in data/politics/: its parties, leading candidates and coalitions. */
export const PoliticsFileSchema = z
  .object({
    country: z.enum(['de', 'at', 'ch', 'us', 'uk']),
    language: z.enum(['de', 'en']),
    name: z.string().min(1).max(80),
    version: z.string().min(1).max(40),
    /** Years of the country's elections: a candidate's slogan with another year ("#Merkel2016") is no call. */
    electionYears: z.array(z.number().int().min(1900).max(2100)).max(60).optional(),
    parties: z.array(z.object(Entry).strict()).min(1),
    candidates: z.array(z.object({ ...Entry, party: Id }).strict()).default([]),
    coalitions: z.array(z.object({ ...Entry, members: z.array(Id).min(2) }).strict()).default([]),
  })
  .strict();

export type PoliticsFile = z.infer<typeof PoliticsFileSchema>;
