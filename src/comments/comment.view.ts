import type { ExtractedLink } from '../analysis/index.js';
import type { StoredComment } from './comments.repository.js';

/** A link as the API shows it: where it is in the text and, once analysed, what the lists said. */
export interface LinkView {
  url: string;
  host: string;
  domain: string | null;
  start: number;
  end: number;
  matched?: string | null;
  listId?: string | null;
  category?: string | null;
  entity?: string | null;
}

/** A link row of an analysed comment (comment_links): the match fields are present, maybe null. */
export interface MatchedLinkView extends LinkView {
  matched: string | null;
  listId: string | null;
  category: string | null;
  entity: string | null;
}

export interface CommentView {
  id: string;
  externalId: string;
  status: StoredComment['status'];
  receivedAt: string;
  verdict: {
    action: string;
    score: number;
    reasons: unknown;
    analyzerVersion: string;
    listsVersion: string;
    policyVersion: string;
    createdAt: string;
  } | null;
  links: LinkView[];
}

export function extractedLinkView(link: ExtractedLink): LinkView {
  return { url: link.url, host: link.host, domain: link.domain, start: link.start, end: link.end };
}

/** A link found in the text of a comment not analysed yet, in the shape of an analysed link row. */
export function unmatchedLinkView(link: ExtractedLink): MatchedLinkView {
  return { ...extractedLinkView(link), matched: null, listId: null, category: null, entity: null };
}

export function commentView(comment: StoredComment, pendingLinks: () => LinkView[]): CommentView {
  const { verdict } = comment;
  return {
    id: comment.id,
    externalId: comment.externalId,
    status: comment.status,
    receivedAt: comment.receivedAt.toISOString(),
    verdict: verdict ? { ...verdict, createdAt: verdict.createdAt.toISOString() } : null,
    // Before analysis there are no link rows yet; the links found in the text are shown instead.
    links: verdict ? comment.links.map(({ position: _position, ...link }) => link) : pendingLinks(),
  };
}
