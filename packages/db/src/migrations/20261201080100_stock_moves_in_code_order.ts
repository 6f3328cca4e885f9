import { type Kysely, sql } from 'kysely';
import { CURRENT_TENANT } from './rls.ts';

/**
 * `move_dispatch_stock` locks a dispatch's supplier items in code order when it gives units
 * back or consumes them, as it already did when it held them. Without it, push-backs of orders
 * sharing items (two or more lines) that ran at once could lock the same rows in opposite
 * orders and deadlock (40P01), failing the activity to be retried: seen in a 300-order burst.
 * The function is otherwise unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function move_dispatch_stock(p_dispatch text, p_to text) returns boolean
      language plpgsql security definer set search_path = public
      as $$
      declare
        v_supplier uuid;
        v_state text;
        v_status text;
        v_codes text[];
        v_qtys int[];
        v_short int;
      begin
        select x.supplier_id, x.stock, x.status into v_supplier, v_state, v_status
          from dispatches x
          where x.id = p_dispatch and x.tenant_id = ${sql.raw(CURRENT_TENANT)}
          for update;
        if not found then return false; end if;
        -- Reserving is answered by where the units are, and only an open dispatch reserves;
        -- the other moves take held units only.
        if p_to = 'held' and v_state is not null then return v_state = 'held'; end if;
        if p_to = 'held' and v_status not in ('sent', 'acknowledged') then return false; end if;
        if p_to <> 'held' and v_state is distinct from 'held' then return false; end if;

        -- A line group's dispatch moves its own lines; another, the whole order's.
        select array_agg(l.code order by l.code), array_agg(l.qty order by l.code)
          into v_codes, v_qtys
          from (
            select e->>'supplierItemCode' as code, sum((e->>'quantity')::int)::int as qty
            from dispatches x join orders o on o.id = x.order_id,
              jsonb_array_elements(coalesce(x.lines, o.supplier_lines)) e
            where x.id = p_dispatch
            group by 1
          ) l;
        if v_codes is null then return false; end if;

        if p_to = 'held' then
          -- Locked in code order, so two reservations of the same items cannot deadlock.
          perform 1 from supplier_items i
            where i.supplier_id = v_supplier and i.supplier_item_code = any(v_codes)
            order by i.supplier_item_code for update;
          select count(*) into v_short
            from unnest(v_codes, v_qtys) q(code, qty)
            left join supplier_items i
              on i.supplier_id = v_supplier and i.supplier_item_code = q.code
            where i.supplier_item_code is null or i.stock - i.reserved < q.qty;
          if v_short > 0 then return false; end if;
          update supplier_items i set reserved = i.reserved + q.qty
            from unnest(v_codes, v_qtys) q(code, qty)
            where i.supplier_id = v_supplier and i.supplier_item_code = q.code;
        else
          -- In code order too: two dispatches of the same items that ship or give back at
          -- once would otherwise lock them in whatever order the join yields, and deadlock.
          perform 1 from supplier_items i
            where i.supplier_id = v_supplier and i.supplier_item_code = any(v_codes)
            order by i.supplier_item_code for update;
          update supplier_items i set
              reserved = greatest(i.reserved - q.qty, 0),
              stock = case when p_to = 'consumed' then greatest(i.stock - q.qty, 0) else i.stock end
            from unnest(v_codes, v_qtys) q(code, qty)
            where i.supplier_id = v_supplier and i.supplier_item_code = q.code;
        end if;
        update dispatches set stock = p_to where id = p_dispatch;
        return true;
      end $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
