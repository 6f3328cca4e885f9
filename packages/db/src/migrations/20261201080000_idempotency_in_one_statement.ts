import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './rls.ts';

/**
 * A partner POST's `Idempotency-Key` claimed, and its answer kept, each in one statement:
 * `claim_idempotency_key` and `settle_idempotency_key` take the supplier as an argument and
 * scope their own statement's transaction to it, so the api sends one round trip for each
 * instead of four (begin, the supplier's scope, the statement, commit). They run with the
 * caller's rights: row-level security on `idempotency_keys` decides what they see, as before.
 * Called outside any transaction only (the scope they set lasts until the commit).
 *
 * `claim_idempotency_key` answers `claimed`, `replay` (with the first status and body),
 * `mismatch` or `in_flight`, as the repository did statement by statement: a first use inserts
 * the key; a conflicting one locks the row and compares; a claim unanswered for `p_stale_s`
 * (its process died mid-request) is taken over. A key released between the insert's conflict
 * and the read is claimed afresh.
 *
 * `settle_idempotency_key` stores the answer of a claimed key, or with a NULL status gives the
 * claim up (an answer that says "try again" is not kept).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function claim_idempotency_key(
      p_supplier uuid, p_key text, p_fingerprint text, p_stale_s int,
      out kind text, out status int, out response text)
      language plpgsql volatile security invoker set search_path = public
      as $$
      declare
        v_row idempotency_keys%rowtype;
      begin
        perform set_config('app.supplier_id', p_supplier::text, true);
        for attempt in 1..3 loop
          insert into idempotency_keys (supplier_id, key, fingerprint)
            values (p_supplier, p_key, p_fingerprint)
            on conflict (supplier_id, key) do nothing;
          if found then kind := 'claimed'; return; end if;
          select * into v_row from idempotency_keys k
            where k.supplier_id = p_supplier and k.key = p_key
            for update;
          if found then
            if v_row.fingerprint <> p_fingerprint then kind := 'mismatch'; return; end if;
            if v_row.status is not null then
              kind := 'replay'; status := v_row.status; response := coalesce(v_row.response, '');
              return;
            end if;
            if v_row.claimed_at >= now() - make_interval(secs => p_stale_s) then
              kind := 'in_flight'; return;
            end if;
            update idempotency_keys k set claimed_at = now()
              where k.supplier_id = p_supplier and k.key = p_key;
            kind := 'claimed'; return;
          end if;
        end loop;
        kind := 'in_flight';
      end $$;

    create function settle_idempotency_key(
      p_supplier uuid, p_key text, p_status int, p_response text)
      returns void
      language plpgsql volatile security invoker set search_path = public
      as $$
      begin
        perform set_config('app.supplier_id', p_supplier::text, true);
        if p_status is null then
          delete from idempotency_keys k
            where k.supplier_id = p_supplier and k.key = p_key and k.status is null;
        else
          update idempotency_keys k set status = p_status, response = p_response
            where k.supplier_id = p_supplier and k.key = p_key and k.status is null;
        end if;
      end $$;
  `.execute(db);
  await sql
    .raw(
      `grant execute on function claim_idempotency_key(uuid, text, text, int),
         settle_idempotency_key(uuid, text, int, text) to ${APP_ROLE}`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
