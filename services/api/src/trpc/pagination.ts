import type { Page } from '@switchyard/db';
import { z } from 'zod';

/**
 * The paging half of every list procedure: keyset pages (see `@switchyard/db` keyset.ts) with
 * an opaque cursor. A cursor the listing could not have handed out is refused as 400
 * CURSOR_INVALID by the tRPC edge (trpc.ts).
 */

// The longest cursor handed out names a 64-character SKU id and a uuid; this leaves room.
const MAX_CURSOR = 512;

/** The input fields of a paged list; `cursor` is the previous page's `nextCursor`. */
export function pageInput(limit: { default: number; max: number }) {
  return {
    limit: z.int().min(1).max(limit.max).default(limit.default),
    /** The `nextCursor` of the previous page; absent for the first page. */
    cursor: z.string().max(MAX_CURSOR).optional(),
  };
}

/** The output of a paged list: one page of `item`s, and the next page's cursor (null: last). */
export function pageOutput<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A page of rows as a page of outputs, keeping its cursor. */
export function mapPage<R, T>(page: Page<R>, toOutput: (row: R) => T): Page<T> {
  return { items: page.items.map(toOutput), nextCursor: page.nextCursor };
}
