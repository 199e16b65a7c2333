/**
 * Child-process entry of the load generator. Protocol over IPC: the child loads the corpus and
 * sends "ready" (so loading is not charged to the run), receives one LoadSpec, runs it, sends the
 * LoadResult back and exits. The parent side is runLoadProcess() in processes.ts.
 */
import { LOAD_PROCESS_READY, loadCorpusTexts, runLoad, type LoadSpec } from './load-generator.js';

const texts = loadCorpusTexts();

process.once('message', (spec: LoadSpec) => {
  runLoad(spec, texts).then(
    (result) => process.send?.(result, undefined, {}, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send?.(LOAD_PROCESS_READY);
