/**
 * Word classes of the `text.threat` rule layer, German and English, written as folded keys
 * (`foldWord`: lower case, umlauts spelled out, ß as ss). A threat needs a violence expression
 * and a frame that wishes, calls for or announces it; targets are only reported.
 */

/** Stems of violence verbs and nouns (a key starting with one counts), inflections included. */
export const VIOLENCE_STEMS: readonly string[] = [
  // German
  'umbring', 'umgebracht', 'erschiess', 'erschoss', 'erschies', 'aufhaeng', 'aufgehaengt', 'aufhaengen',
  'aufknuepf', 'aufgeknuepft', 'koepfen', 'gekoepft', 'vergas', 'toeten', 'getoetet', 'abknall',
  'abgeknallt', 'abstech', 'abgestochen', 'lynch', 'gelyncht', 'hinricht', 'hingerichtet', 'steinig',
  'gesteinigt', 'verreck', 'abschlacht', 'abgeschlachtet', 'erschlag', 'abmurks', 'abgemurkst',
  'kaltmach', 'kaltgemacht', 'umniet', 'umgeniet', 'erhaeng', 'absaufen', 'ersaeuf', 'ersoff',
  'totschlag', 'totgeschlagen', 'totpruegel', 'verbrenn', 'verbrannt', 'abfackel', 'erwuerg',
  'ausrott', 'ausgerottet', 'ermord', 'verpruegel', 'zusammenschlag', 'zusammengeschlagen',
  // English
  'kill', 'shoot', 'shot', 'hang', 'hanged', 'lynch', 'execut', 'murder', 'behead', 'gassed',
  'slaughter', 'exterminat', 'stabbed', 'burn', 'beaten',
];

/** Keys that start like a violence stem but are not violence. */
export const VIOLENCE_EXCEPTIONS: ReadonlySet<string> = new Set([
  'shotgun', 'stable', 'stability', 'establish', 'established', 'establishment', 'hanger', 'hangover',
  'hangout', 'killer', 'burned-out', 'diesel', 'diet', 'died', 'diese', 'dieser', 'dieses', 'diesem', 'diesen',
  'burnout', 'hangs', 'executive', 'executives', 'execution', 'executions', 'murders', 'murderer', 'murderers',
  'killers', 'killings', 'killing', 'toetens',
]);

/** Multi-word idioms of violence (folded keys in order, adjacent). */
export const VIOLENCE_IDIOMS: readonly (readonly string[])[] = [
  ['an', 'die', 'wand', 'gestellt'], ['an', 'die', 'wand', 'stellen'], ['an', 'die', 'wand', 'stellt'],
  ['an', 'die', 'wand'],
  ['kopf', 'ab'], ['ruebe', 'ab'], ['aufs', 'maul'], ['auf', 'die', 'fresse'], ['auf', 'die', 'schnauze'],
  ['eins', 'aufs', 'maul'], ['eine', 'kugel'], ['einen', 'strick'], ['ins', 'gas'], ['in', 'die', 'gaskammer'],
  ['string', 'them', 'up'], ['string', 'him', 'up'], ['string', 'her', 'up'], ['strung', 'up'],
  ['firing', 'squad'], ['a', 'bullet'], ['drop', 'dead'], ['beat', 'the', 'crap'], ['beat', 'the', 'shit'],
];

/** `bring … um`: the particle verb split over the clause. */
export const BRING_KEYS: ReadonlySet<string> = new Set(['bring', 'bringe', 'bringt', 'bringen', 'bringst', 'brachte']);

/** Idioms that look like violence but are politics or speech ("die Partei an die Wand fahren"). */
export const IDIOM_BREAKERS: ReadonlySet<string> = new Set(['fahren', 'faehrt', 'gefahren', 'fuhr', 'reden', 'geredet', 'spielen', 'gespielt', 'nageln', 'genagelt', 'malen', 'gemalt']);

export type ThreatForm = 'wish' | 'call' | 'announcement' | 'deserve';

/** Frame words and the form they give, with the rule's confidence. */
export const FRAMES: ReadonlyMap<string, { form: ThreatForm; severity: number }> = new Map([
  // calls: a modal or "gehört" asks that it be done
  ['gehoert', { form: 'call', severity: 0.9 }], ['gehoeren', { form: 'call', severity: 0.9 }],
  ['sollte', { form: 'call', severity: 0.85 }], ['sollten', { form: 'call', severity: 0.85 }],
  ['soll', { form: 'call', severity: 0.8 }], ['sollen', { form: 'call', severity: 0.8 }],
  ['muesste', { form: 'call', severity: 0.85 }], ['muessten', { form: 'call', severity: 0.85 }],
  ['muss', { form: 'call', severity: 0.8 }], ['muessen', { form: 'call', severity: 0.8 }],
  ['kann', { form: 'call', severity: 0.7 }], ['koennte', { form: 'call', severity: 0.7 }],
  ['should', { form: 'call', severity: 0.85 }], ['must', { form: 'call', severity: 0.8 }],
  ['need', { form: 'call', severity: 0.75 }], ['needs', { form: 'call', severity: 0.75 }],
  ['ought', { form: 'call', severity: 0.8 }],
  // wishes
  ['hoffe', { form: 'wish', severity: 0.9 }], ['hoffentlich', { form: 'wish', severity: 0.9 }],
  ['wuensche', { form: 'wish', severity: 0.9 }], ['moege', { form: 'wish', severity: 0.85 }],
  ['hope', { form: 'wish', severity: 0.9 }], ['hopefully', { form: 'wish', severity: 0.9 }],
  ['wish', { form: 'wish', severity: 0.85 }],
  // deserving
  ['verdient', { form: 'deserve', severity: 0.85 }], ['verdienen', { form: 'deserve', severity: 0.85 }],
  ['deserve', { form: 'deserve', severity: 0.85 }], ['deserves', { form: 'deserve', severity: 0.85 }],
  // announcements in the first person
  ['werde', { form: 'announcement', severity: 0.9 }], ['will', { form: 'announcement', severity: 0.85 }],
  ["i'll", { form: 'announcement', severity: 0.9 }], ["we'll", { form: 'announcement', severity: 0.9 }],
  ['gonna', { form: 'announcement', severity: 0.85 }],
]);

/** Announcement frames count only after a first-person subject ("ich werde", "I will"). */
export const FIRST_PERSON: ReadonlySet<string> = new Set(['ich', 'wir', 'i', 'we', 'ick']);

/** Negation and condemnation: a clause holding one of these does not threaten. */
export const CANCELLERS: ReadonlySet<string> = new Set([
  'nicht', 'niemand', 'niemals', 'nie', 'kein', 'keine', 'keiner', 'keinen', 'wer', 'verurteilen', 'verurteile',
  'not', "n't", 'nobody', 'never', 'no', "don't", "shouldn't", "doesn't", 'condemn', 'who', 'whoever',
  'if', 'wenn', 'falls', 'ob', 'whether',
]);

/** Person and group targets reported with a finding. */
export const TARGETS: ReadonlySet<string> = new Set([
  'dich', 'du', 'dir', 'ihn', 'ihm', 'sie', 'die', 'den', 'der', 'euch', 'ihr', 'alle', 'diese', 'dieser', 'diesen',
  'solche', 'man', 'him', 'her', 'them', 'you', 'he', 'she', 'they', 'all', 'these', 'those', 'that',
]);
