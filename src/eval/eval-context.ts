import { compileLists, type AnalysisContext } from '../analysis/index.js';
import { loadListsFromDir } from '../lists/load-lists.js';
import { loadIncivilityModel } from '../incivility/load-model.js';
import { loadCompiledOutlets } from '../outlets/load-outlets.js';
import { loadCompiledPolitics } from '../politics/load-politics.js';

/**
 * The context the labelled sets are scored in: the engine as shipped, with the bundled lists (or
 * those in `listsDir`), the bundled parties and candidates (or `politicsDir`), the bundled incivility model (or `modelFile`), the bundled outlets (or `outletsFile`), the default policy and no site rules. `loupe eval` and test/eval.test.ts
 * both use it, so the floors hold for the figures the command prints.
 */
export function buildEvalContext(listsDir?: string, politicsDir?: string, modelFile?: string, outletsFile?: string): AnalysisContext {
  return {
    lists: compileLists(loadListsFromDir(listsDir)),
    politics: loadCompiledPolitics(politicsDir),
    incivility: loadIncivilityModel(modelFile),
    outlets: loadCompiledOutlets(outletsFile),
  };
}
