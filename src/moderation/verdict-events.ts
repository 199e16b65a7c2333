import { Injectable } from '@nestjs/common';

/**
 * In-process signal "this comment has its verdict", so `?wait` answers the moment the embedded
 * worker commits. Waiters in an API-only process fall back to polling PostgreSQL.
 */
@Injectable()
export class VerdictEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Resolves when `commentId` gets a verdict in this process; call the returned cancel when done waiting. */
  once(commentId: string): { committed: Promise<void>; cancel: () => void } {
    let listener!: () => void;
    const committed = new Promise<void>((resolve) => (listener = resolve));
    const set = this.listeners.get(commentId) ?? new Set();
    set.add(listener);
    this.listeners.set(commentId, set);
    const cancel = (): void => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(commentId);
    };
    return { committed, cancel };
  }

  notify(commentIds: Iterable<string>): void {
    if (this.listeners.size === 0) return;
    for (const id of commentIds) {
      const set = this.listeners.get(id);
      if (!set) continue;
      this.listeners.delete(id);
      for (const listener of set) listener();
    }
  }
}
