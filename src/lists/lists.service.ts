import { Inject, Injectable, Logger } from '@nestjs/common';
import { compileLists, type CompiledLists } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { loadListsFromDir } from './load-lists.js';

/** Loads the domain lists once at start-up and keeps them compiled in memory. */
@Injectable()
export class ListsService {
  private readonly logger = new Logger(ListsService.name);
  readonly compiled: CompiledLists;

  constructor(@Inject(CONFIG) config: Config) {
    const lists = loadListsFromDir(config.LOUPE_LISTS_DIR);
    this.compiled = compileLists(lists);
    this.logger.log(`Loaded ${lists.length} domain lists (${lists.reduce((n, l) => n + l.entries.length, 0)} entries), version ${this.compiled.version}`);
  }
}
