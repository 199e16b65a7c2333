import { foldConfusables } from './fold-confusables.js';

/** A legitimate outlet as the outlet file (data/outlets/) lists it. */
export interface Outlet {
  name: string;
  /** ISO country code, or INT/EU for international outlets. */
  country: string;
  kind: string;
  /** The outlet's own registrable domains; they and their subdomains never match. */
  domains: readonly string[];
  /** Labels that name the outlet and nothing else (`tagesspiegel`, `derspiegel`). */
  brands?: readonly string[];
  /**
   * Brand labels that are ordinary words or too short to stand alone (`welt`, `zeit`, `bild`,
   * `faz`): they count only with further evidence (see findImpersonation).
   */
  words?: readonly string[];
}

/** A brand label of one outlet, folded as host labels are. */
export interface Brand {
  label: string;
  outlet: Outlet;
  /** True for `words`: an ordinary word or a short label that needs further evidence. */
  word: boolean;
}

export interface CompiledOutlets {
  version: string;
  /** Every official registrable domain (and official host below a public suffix) → its outlet. */
  official: ReadonlyMap<string, Outlet>;
  /** The look-alike skeleton of each official domain (`2omin.ch`) → the domain (`20min.ch`). */
  officialSkeletons: ReadonlyMap<string, string>;
  /** Brand labels as the outlets write them (`20min`), which their skeleton (`2omin`) must not turn into look-alikes. */
  writtenBrands: ReadonlySet<string>;
  /** Folded brand label → brand. */
  brands: ReadonlyMap<string, Brand>;
  /** Distinctive brands long enough to take as a part of a longer label (`tagesschau24`). */
  affixable: readonly Brand[];
  /** Distinctive brands long enough for a one-edit typo to be telling. */
  typoTargets: readonly Brand[];
  count: number;
}

/**
 * A distinctive brand found inside a longer label (`sueddeutsche-news`) needs this many letters:
 * shorter ones (`heise`, `unian`) are parts of ordinary words too often.
 */
export const MIN_AFFIX_BRAND_LENGTH = 6;
/** A one-edit neighbour of a brand counts when the brand has this many letters (`tagesspiegel`). */
export const MIN_TYPO_BRAND_LENGTH = 8;

/** Lower case, look-alike characters folded (as foldConfusables folds a host), hyphens kept. */
export function foldLabel(label: string): string {
  return foldConfusables(label);
}

/** The lookup structures of an outlet list; `version` goes into the verdict's listsVersion. */
export function compileOutlets(outlets: readonly Outlet[], version: string): CompiledOutlets {
  const official = new Map<string, Outlet>();
  const officialSkeletons = new Map<string, string>();
  const brands = new Map<string, Brand>();
  const writtenBrands = new Set<string>();
  for (const outlet of outlets) {
    for (const domain of outlet.domains) {
      official.set(domain.toLowerCase(), outlet);
      officialSkeletons.set(foldConfusables(domain), domain.toLowerCase());
    }
    const add = (label: string, word: boolean): void => {
      const folded = foldLabel(label);
      writtenBrands.add(label.toLowerCase());
      // Two letters (`sz`, `fr`, `dw`) name too many other things to be anyone's brand.
      if (folded.replace(/-/g, '').length < 3) return;
      const known = brands.get(folded);
      // One label, two outlets: the stricter reading wins, so an ordinary word stays one.
      if (known === undefined || (word && !known.word)) brands.set(folded, { label: folded, outlet, word });
    };
    for (const label of outlet.brands ?? []) add(label, false);
    for (const label of outlet.words ?? []) add(label, true);
  }
  const distinctive = [...brands.values()].filter((b) => !b.word);
  return {
    version,
    official,
    officialSkeletons,
    writtenBrands,
    brands,
    affixable: distinctive.filter((b) => b.label.replace(/-/g, '').length >= MIN_AFFIX_BRAND_LENGTH),
    typoTargets: distinctive.filter((b) => b.label.length >= MIN_TYPO_BRAND_LENGTH),
    count: outlets.length,
  };
}
