import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { compileLists, type AnalysisContext, type CompiledLists, type CompiledOutlets, type CompiledPolitics, type DomainList, type IncivilityModel, type Language, type SiteRules } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Contributes } from '../platform/platform-contributor.js';
import { loadIncivilityModel } from '../incivility/load-model.js';
import { loadCompiledOutlets } from '../outlets/load-outlets.js';
import { loadCompiledPolitics } from '../politics/load-politics.js';
import { loadListsFromDir } from './load-lists.js';
import { ListsRepository, type EntryChange, type SiteSettingsRow } from './lists.repository.js';

/** What the engine needs for one site's comments. */
export interface SiteLists {
  lists: CompiledLists;
  site?: SiteRules;
}

interface Snapshot {
  fingerprint: string;
  lists: DomainList[];
  compiled: CompiledLists;
  sites: Map<string, SiteSettingsRow>;
  /** Compiled subsets for sites that chose their lists, by sorted list ids. */
  subsets: Map<string, CompiledLists>;
}

/**
 * The domain lists of this process, compiled in memory. They live in PostgreSQL; at start the
 * bundled lists are imported or merged in (newer bundle versions, local edits kept), and every
 * LOUPE_LISTS_REFRESH_MS the process compares a fingerprint of lists and site settings and
 * recompiles when it changed, so a list edit reaches every worker within seconds, no restart.
 */
@Injectable()
@Contributes({ live: true })
export class ListsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Lists');
  private snapshot: Snapshot | undefined;
  private readonly poller: PeriodicTask<boolean>;
  private synced = false;
  private bundledFiles: DomainList[] | undefined;
  /** Bundle merges of this start that changed existing lists (re-scoring picks them up). */
  bundleChanges: EntryChange[] = [];

  constructor(
    private readonly repository: ListsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.poller = new PeriodicTask(() => this.refresh(), config.LOUPE_LISTS_REFRESH_MS, (e) => this.logger.warn({ err: e }, 'list refresh failed'));
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.refresh();
    } catch (e) {
      // PostgreSQL away at start: analyse with the bundled files until it is back (the poller
      // imports and loads them then); a process that cannot reach it cannot store much anyway.
      this.logger.warn(`domain lists: PostgreSQL unreachable (${(e as Error).message}); using the bundled lists until it is back`);
      const lists = this.bundled();
      this.snapshot = { fingerprint: 'bundled files', lists, compiled: compileLists(lists), sites: new Map(), subsets: new Map() };
    }
    const s = this.current;
    this.logger.log(`Loaded ${s.lists.length} domain lists (${s.lists.reduce((n, l) => n + l.entries.length, 0)} entries), version ${s.compiled.version}`);
    const modelStart = process.hrtime.bigint();
    const model = this.incivility;
    this.logger.log(`Loaded the incivility model ${model.version} in ${(Number(process.hrtime.bigint() - modelStart) / 1e6).toFixed(0)} ms`);
    this.logger.log(`Loaded ${this.outlets.count} legitimate outlets for impersonation, version ${this.outlets.version}`);
    this.logger.log(`Loaded ${this.politics.byId.size} parties, candidates and coalitions for vote calls, version ${this.politics.version}`);
    this.poller.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.poller.stop();
  }

  private politicsData: CompiledPolitics | undefined;

  /** Parties and candidates for vote calls: files only (LOUPE_POLITICS_DIR or data/politics/), read once per process. */
  get politics(): CompiledPolitics {
    this.politicsData ??= loadCompiledPolitics(this.config.LOUPE_POLITICS_DIR);
    return this.politicsData;
  }

  private outletsData: CompiledOutlets | undefined;

  /** Legitimate outlets whose clones are flagged: LOUPE_OUTLETS_FILE or data/outlets/outlets.json, read once per process. */
  get outlets(): CompiledOutlets {
    this.outletsData ??= loadCompiledOutlets(this.config.LOUPE_OUTLETS_FILE);
    return this.outletsData;
  }

  private incivilityModel: IncivilityModel | undefined;

  /** The incivility model: LOUPE_INCIVILITY_MODEL or data/models/incivility.json, read once per process. */
  get incivility(): IncivilityModel {
    this.incivilityModel ??= loadIncivilityModel(this.config.LOUPE_INCIVILITY_MODEL);
    return this.incivilityModel;
  }

  private bundled(): DomainList[] {
    this.bundledFiles ??= loadListsFromDir(this.config.LOUPE_LISTS_DIR);
    return this.bundledFiles;
  }

  private get current(): Snapshot {
    if (!this.snapshot) throw new Error('the domain lists are not loaded yet');
    return this.snapshot;
  }

  /** Every enabled list, compiled. */
  get compiled(): CompiledLists {
    return this.current.compiled;
  }

  get version(): string {
    return this.current.compiled.version;
  }

  /** GET /health/live says which lists this process analyses with. */
  liveDetails(): { listsVersion: string } {
    return { listsVersion: this.compiled.version };
  }

  /** The lists and rules that apply to one site's comments. */
  forSite(siteId: string): SiteLists {
    const s = this.current;
    const settings = s.sites.get(siteId);
    if (!settings) return { lists: s.compiled };
    let lists = s.compiled;
    if (settings.restrictLists) {
      const key = [...settings.listIds].sort().join(',');
      lists = s.subsets.get(key) ?? compileLists(s.lists.filter((l) => settings.listIds.includes(l.id)));
      s.subsets.set(key, lists);
    }
    return { lists, site: { version: `site@${settings.revision}`, allow: settings.allow, severity: settings.severityOverrides, incivility: settings.incivility } };
  }

  /** The engine's context for a comment: its site's lists and rules, messages in its language. */
  contextFor(siteId: string, commentLanguage: string | null): AnalysisContext {
    const base = commentLanguage?.slice(0, 2).toLowerCase();
    const language: Language = base === 'de' || base === 'en' ? base : this.config.LOUPE_LANGUAGE;
    return { ...this.forSite(siteId), politics: this.politics, incivility: this.incivility, outlets: this.outlets, language };
  }

  /** Reloads when lists or site settings changed since the last look; true when it did. */
  async refresh(): Promise<boolean> {
    if (!this.synced) {
      this.bundleChanges = await this.repository.syncBundled(this.bundled());
      this.synced = true;
    }
    const fingerprint = await this.repository.fingerprint();
    if (this.snapshot?.fingerprint === fingerprint) return false;
    const [lists, sites] = await Promise.all([this.repository.loadEnabled(), this.repository.loadSiteSettings()]);
    const compiled = this.snapshot && sameLists(this.snapshot.lists, lists) ? this.snapshot.compiled : compileLists(lists);
    this.snapshot = { fingerprint, lists, compiled, sites: new Map(sites.map((s) => [s.siteId, s])), subsets: new Map() };
    this.logger.debug?.(`domain lists now ${compiled.version}`);
    return true;
  }
}

function sameLists(a: readonly DomainList[], b: readonly DomainList[]): boolean {
  return a.length === b.length && a.every((l, i) => l.id === b[i]?.id && l.version === b[i]?.version);
}
