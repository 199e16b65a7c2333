/** IPC between the benchmark and its webhook receiver child (receiver-process.ts). */

/** The child's first message: listening on this port of 127.0.0.1. */
export interface ReceiverReady {
  kind: 'ready';
  port: number;
}

export type ReceiverRequest =
  /** The endpoint secret (whsec_…) the requests on `path` are signed with. */
  | { id: number; op: 'configure'; path: string; secret: string }
  | { id: number; op: 'stats'; path: string }
  | { id: number; op: 'records'; path: string }
  | { id: number; op: 'verify'; path: string };

export interface ReceiverStats {
  /** Requests on the path, duplicates included. */
  requests: number;
  /** Distinct webhook-id values. */
  unique: number;
  /** Requests whose webhook-id had been received before. */
  duplicates: number;
  firstAtEpochMs: number | null;
  lastAtEpochMs: number | null;
  /** The receiver's own CPU time so far, all paths, in ms (user + system). */
  cpuMs: number;
}

export interface ReceivedRecord {
  webhookId: string;
  /** Date.now() in the receiver when the whole request had arrived (same host clock as PostgreSQL). */
  receivedAtEpochMs: number;
  /** data.commentId of the body, when there is one. */
  commentId: string | null;
}

export interface VerifyResult {
  checked: number;
  verified: number;
  failed: number;
  firstError: string | null;
}

export interface ReceiverResponse {
  id: number;
  result?: unknown;
  error?: string;
}
