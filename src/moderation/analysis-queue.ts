import { z } from 'zod';

export const ANALYSIS_QUEUE = 'analyze-comment';
export const ANALYSIS_JOB = 'analyze';

/** Jobs carry the comment id only: the text stays in PostgreSQL, never in Redis. */
export const AnalysisJobSchema = z.object({ commentId: z.uuid() }).strict();
export type AnalysisJob = z.infer<typeof AnalysisJobSchema>;

/** One job id per comment, so a re-enqueue of a waiting or active job is a no-op. */
export function jobIdFor(commentId: string): string {
  return commentId;
}
