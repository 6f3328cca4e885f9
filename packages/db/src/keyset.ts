import { isStorableText } from '@switchyard/domain';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';

/**
 * Keyset pagination, the one way lists page: the client gets an opaque cursor naming the last
 * row it saw and passes it back; the next page starts strictly after that row in sort order,
 * so rows inserted meanwhile neither shift nor repeat a page (OFFSET would).
 *
 * A cursor is base64url of a JSON array: the sort-key values of the last row, as PostgreSQL
 * prints them. The last key column is always unique (the row id), which makes the order total.
 */

/** A sort-key column's type, by its PostgreSQL name: how a cursor value is checked and cast. */
export type KeyKind = 'timestamptz' | 'uuid' | 'bigint' | 'text';

/** A listing's sort order: key columns (the last one unique) and one direction for all. */
export interface Keyset {
  columns: readonly { ref: string; kind: KeyKind }[];
  direction: 'asc' | 'desc';
}

/**
 * The usual order of a tenant's records: creation time, the id breaking ties (`table` is the
 * alias the query gives the table, if any).
 */
export function byCreation(direction: Keyset['direction'], table?: string): Keyset {
  const ref = (column: string) => (table ? `${table}.${column}` : column);
  return {
    columns: [
      { ref: ref('created_at'), kind: 'timestamptz' },
      { ref: ref('id'), kind: 'uuid' },
    ],
    direction,
  };
}

/** What a client asks for: at most `limit` rows after `cursor` (the first page without one). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** One page: its rows, and the cursor of the next page, null on the last one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor this listing cannot have handed out: edited, truncated, or from another list. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('invalid cursor');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^-?\d{1,19}$/;
const INT8_MAX = 2n ** 63n - 1n;
// As `timestamptz::text` prints under the default DateStyle: "2026-11-28 10:00:00.123456+00".
const TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?(?::(\d{2}))?)$/;
const MAX_TEXT = 1000;

/** A date PostgreSQL would accept: every field in range, the day one the month has. */
function isTimestamptz(v: string): boolean {
  const m = TIMESTAMPTZ.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s, oh = '0', om = '0', os = '0'] = m.slice(1).map((x) => x ?? '0');
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60 &&
    Number(oh) <= 15 &&
    Number(om) < 60 &&
    Number(os) < 60
  );
}

const VALID: Record<KeyKind, (v: string) => boolean> = {
  timestamptz: isTimestamptz,
  uuid: (v) => UUID.test(v),
  bigint: (v) => BIGINT.test(v) && BigInt(v) <= INT8_MAX && BigInt(v) >= -INT8_MAX - 1n,
  // Text PostgreSQL cannot store would fail the query instead of being refused.
  text: (v) => v.length <= MAX_TEXT && isStorableText(v),
};

/** The cursor of a row whose sort key has these values. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort-key values a cursor names, each checked against its column's type so that a forged
 * cursor is refused here rather than failing the query.
 * @throws InvalidCursorError when the cursor is not one a listing of these columns hands out.
 */
export function decodeCursor(cursor: string, kinds: readonly KeyKind[]): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    !Array.isArray(key) ||
    key.length !== kinds.length ||
    !key.every((v, i) => typeof v === 'string' && VALID[kinds[i]!](v))
  )
    throw new InvalidCursorError();
  return key;
}

/**
 * One page from any source: decodes the cursor, fetches one row more than asked (to learn
 * whether a next page exists) and encodes the last row's key. For sources the query builder
 * cannot extend, such as a set-returning function; `keyOf` must give the key exactly as the
 * source compares it (a JavaScript Date would drop PostgreSQL's microseconds).
 */
export async function keysetPage<T>(
  kinds: readonly KeyKind[],
  page: PageRequest,
  fetch: (after: readonly string[] | undefined, limit: number) => Promise<T[]>,
  keyOf: (row: T) => readonly string[],
): Promise<Page<T>> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, kinds);
  const rows = await fetch(after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

const KEY = '_keyset_key';

/**
 * One page of `query` in keyset order: adds the order, the "after the cursor" condition as a
 * row comparison (which an index on the key columns serves), and the limit. The key is read
 * back as PostgreSQL prints it, so timestamps keep their microseconds.
 * @example
 * pageByKeyset(trx.selectFrom('shops').select(['id', 'name']), {
 *   columns: [{ ref: 'created_at', kind: 'timestamptz' }, { ref: 'id', kind: 'uuid' }],
 *   direction: 'asc',
 * }, { limit: 50, cursor })
 * @throws InvalidCursorError when the cursor is not one this listing hands out.
 */
export async function pageByKeyset<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset,
  page: PageRequest,
): Promise<Page<O>> {
  const kinds = keyset.columns.map((c) => c.kind);
  const refs = sql.join(keyset.columns.map((c) => sql.ref(c.ref)));
  const keyText = sql.join(keyset.columns.map((c) => sql`${sql.ref(c.ref)}::text`));
  const keyed = await keysetPage(
    kinds,
    page,
    (after, limit) => {
      let q = query.select(sql<string>`json_build_array(${keyText})::text`.as(KEY));
      for (const c of keyset.columns) q = q.orderBy(sql.ref(c.ref), keyset.direction);
      if (after) {
        const values = sql.join(after.map((v, i) => sql`${v}::${sql.raw(kinds[i]!)}`));
        const op = sql.raw(keyset.direction === 'asc' ? '>' : '<');
        q = q.where(sql<SqlBool>`(${refs}) ${op} (${values})`);
      }
      return q.limit(limit).execute() as Promise<Array<O & { [KEY]: string }>>;
    },
    (row) => JSON.parse(row[KEY]) as string[],
  );
  return {
    items: keyed.items.map(({ [KEY]: _, ...row }) => row as O),
    nextCursor: keyed.nextCursor,
  };
}
