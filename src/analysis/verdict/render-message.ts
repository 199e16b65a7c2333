import type { Finding, Language } from '../types.js';

const CATEGORY_NAMES: Record<Language, Record<string, string>> = {
  de: {
    state_media: 'Staatsmedium',
    disinformation: 'Desinformationsquelle',
    conspiracy: 'Verschwörungsseite',
    pseudoscience: 'Pseudowissenschaft',
    hyperpartisan: 'hyperparteiische Quelle',
    satire: 'Satireseite',
    unreliable: 'unzuverlässige Quelle',
    platform: 'Video-/Nachrichtenplattform',
    shortener: 'Kurzlink-Dienst',
  },
  en: {
    state_media: 'state media outlet',
    disinformation: 'disinformation outlet',
    conspiracy: 'conspiracy site',
    pseudoscience: 'pseudoscience site',
    hyperpartisan: 'hyperpartisan outlet',
    satire: 'satire site',
    unreliable: 'unreliable source',
    platform: 'video/message platform',
    shortener: 'link shortener',
  },
};

const TECHNIQUES: Record<Language, Record<string, string>> = {
  de: {
    homoglyph: 'ähnlich aussehende Zeichen',
    punycode: 'Punycode-Schreibweise',
    typo: 'Tippfehler-Variante',
    tld: 'Marke unter fremder Endung',
    affix: 'Marke mit Zusatz',
    subdomain: 'echte Domain als Teil einer fremden',
  },
  en: {
    homoglyph: 'look-alike characters',
    punycode: 'punycode spelling',
    typo: 'typo variant',
    tld: 'brand on another top-level domain',
    affix: 'brand with added words',
    subdomain: 'real domain inside a foreign one',
  },
};

function str(details: Record<string, unknown>, key: string): string {
  const value = details[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function percent(value: unknown): string {
  return typeof value === 'number' ? `${Math.round(value * 100)} %` : '';
}

const INCIVILITY: Record<Language, Record<string, string>> = {
  de: { 'text.insult': 'Beleidigung', 'text.abuse': 'Herabwürdigung einer Gruppe', 'text.profanity': 'Vulgärsprache', 'text.threat': 'Gewaltdrohung oder Gewaltwunsch' },
  en: { 'text.insult': 'Insult', 'text.abuse': 'Abuse of a group', 'text.profanity': 'Profanity', 'text.threat': 'Threat or wish of violence' },
};

/** "Beleidigung (87 %): „Vollidiot“." The words come from the span's top terms, the figure from the model. */
function incivilityMessage(finding: Finding, language: Language): string {
  const d = finding.details;
  const terms = Array.isArray(d.terms) ? d.terms.filter((t): t is string => typeof t === 'string').slice(0, 3) : [];
  const quoted = terms.map((t) => (language === 'de' ? `„${t}“` : `"${t}"`)).join(', ');
  // The model's reasons give its probability; the name-calling grammar's say what they are.
  const how = typeof d.probability === 'number' ? ` (${percent(d.probability)})` : typeof d.form === 'string' ? (language === 'de' ? ' (Beschimpfung)' : ' (name-calling)') : '';
  return `${INCIVILITY[language][finding.code]}${how}${quoted ? `: ${quoted}` : ''}.`;
}

/** A sentence a moderator understands, in the site's language. */
export function renderMessage(finding: Finding, language: Language): string {
  const d = finding.details;
  const de = language === 'de';
  switch (finding.code) {
    case 'link.listed': {
      const category = CATEGORY_NAMES[language][str(d, 'category')] ?? str(d, 'category');
      const entity = str(d, 'entity');
      const who = entity ? ` ${entity},` : '';
      return de
        ? `Link auf ${str(d, 'domain')}:${who} als ${category} gelistet (Eintrag ${str(d, 'matched')}, Liste ${str(d, 'listId')}).`
        : `Link to ${str(d, 'domain')}:${who} listed as ${category} (entry ${str(d, 'matched')}, list ${str(d, 'listId')}).`;
    }
    case 'link.lookalike': {
      const technique = TECHNIQUES[language][str(d, 'technique')] ?? str(d, 'technique');
      return de
        ? `Link auf ${str(d, 'host')} imitiert die gelistete Domain ${str(d, 'imitates')} (${technique}).`
        : `Link to ${str(d, 'host')} imitates the listed domain ${str(d, 'imitates')} (${technique}).`;
    }
    case 'link.impersonation': {
      const technique = TECHNIQUES[language][str(d, 'technique')] ?? str(d, 'technique');
      return de
        ? `Link auf ${str(d, 'host')} gibt sich als ${str(d, 'outlet')} (${str(d, 'imitates')}) aus (${technique}).`
        : `Link to ${str(d, 'host')} poses as ${str(d, 'outlet')} (${str(d, 'imitates')}) (${technique}).`;
    }
    case 'link.shortener':
      return de
        ? `Gekürzter Link über ${str(d, 'domain')}: das eigentliche Ziel ist unbekannt.`
        : `Shortened link via ${str(d, 'domain')}: the real target is unknown.`;
    case 'text.shouting':
      return de
        ? `Schreien in Großbuchstaben: ${percent(d.ratio)} der Buchstaben sind groß geschrieben.`
        : `Shouting: ${percent(d.ratio)} of the letters are capitals.`;
    case 'text.vote_call': {
      const against = str(d, 'stance') === 'against';
      // A call naming a person names them, with their party: "Wahlaufruf für Björn Höcke (AfD)."
      const target = typeof d.candidate === 'string' ? `${d.candidate} (${str(d, 'party')})` : str(d, 'party');
      const coalition = typeof d.coalition === 'string' ? (de ? ` (als Teil der ${d.coalition})` : ` (as part of the ${d.coalition})`) : '';
      return de ? `Wahlaufruf ${against ? 'gegen' : 'für'} ${target}${coalition}.` : `Call to vote ${against ? 'against' : 'for'} ${target}${coalition}.`;
    }
    case 'text.insult':
    case 'text.abuse':
    case 'text.profanity':
    case 'text.threat':
      return incivilityMessage(finding, language);
    case 'text.partisan_rhetoric':
      return de
        ? `Parteipolitischer Kampfbegriff „${str(d, 'term')}“.`
        : `Partisan slogan or slur "${str(d, 'term')}".`;
  }
}
