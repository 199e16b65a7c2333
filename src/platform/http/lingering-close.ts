import type { Socket } from 'node:net';

/**
 * How long a connection answered before its body arrived goes on reading, and discarding, what the
 * client still sends. Closing at once with unread bytes makes the kernel send a reset, and the
 * client's TCP stack then drops the answer it has not read yet: a client that sends a body too
 * large, to the wrong route or without credentials would see "connection reset" (EPIPE) instead
 * of the 413, 415 or 401 problem. Web servers call this a lingering close.
 */
export const LINGER_MS = 2_000;

type ClosingSocket = Socket & { destroySoon?: () => void };

/**
 * Makes Node's close after a "Connection: close" answer a lingering one for this socket: Node ends
 * such a socket with destroySoon() once the answer is written; here it half-closes instead, reads
 * on (Node's parser discards the rest of the body) and is destroyed when the client closes or
 * after LINGER_MS, whichever comes first.
 */
export function lingerAfterAnswer(socket: Socket | null | undefined): void {
  const closing = socket as ClosingSocket | null | undefined;
  if (!closing || closing.destroyed) return;
  closing.destroySoon = () => {
    const timer = setTimeout(() => closing.destroy(), LINGER_MS);
    timer.unref();
    closing.once('close', () => clearTimeout(timer));
    closing.once('end', () => closing.destroy());
    closing.end();
    closing.resume();
  };
}
