/**
 * Words that name a slogan, title or sign, so that capitals right after them are quoted words, not
 * the writer's raised voice: "mit dem Slogan BUNT STATT BRAUN", "the sign said", "in Zeitung DIE
 * WELT". Only nouns: verbs such as "heißt" or "called" introduce quotes too, but also start
 * ordinary shouted sentences ("Das heißt WIR MÜSSEN …"). Lower case, one word each; matched on the
 * word directly before the capitals, ignoring case.
 */
export const QUOTE_INTRODUCERS: readonly string[] = [
  // German and English alike
  'slogan', 'motto', 'banner', 'hashtag',
  // German
  'parole', 'spruch', 'titel', 'überschrift', 'schlagzeile', 'aufschrift', 'plakat', 'schild', 'transparent',
  'zeitung', 'zeitschrift', 'sendung',
  // English
  'headline', 'title', 'sign', 'placard', 'chant', 'newspaper', 'magazine',
];
