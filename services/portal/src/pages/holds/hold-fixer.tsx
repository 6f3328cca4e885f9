import { useRecheck } from '../../api/orders.ts';
import type { OrderDetail } from '../../api/types.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ignore, useAnnounce } from '../../layout/announcer.tsx';
import { AddressForm } from './address-form.tsx';
import { fixKindOf } from './hold-kinds.ts';
import { SkuFixForm } from './sku-fix-form.tsx';

/** A held order's reasons in the reader's language, and the fixes they call for, in place. */
export function HoldFixer({ order }: { order: OrderDetail }) {
  const { t, locale } = useI18n();
  const announce = useAnnounce();
  const recheck = useRecheck();
  const kinds = new Set(order.holds.map(fixKindOf));
  const headingId = `holds-${order.id}`;
  return (
    <section aria-labelledby={headingId} className="hold">
      <h2 id={headingId}>{t('holds.reasons')}</h2>
      <ul>
        {order.holds.map((h) => (
          <li key={`${h.code}-${h.message}`}>
            <strong>{h.code}</strong> {locale === 'zh-CN' ? h.messageZh : h.message}
          </li>
        ))}
      </ul>
      {kinds.has('wait') && kinds.size === 1 && <p>{t('holds.auto')}</p>}
      {kinds.has('address') && <AddressForm order={order} />}
      {kinds.has('sku') && <SkuFixForm order={order} />}
      {!(kinds.has('wait') && kinds.size === 1) && (
        <p>
          <button
            type="button"
            onClick={() =>
              recheck.mutateAsync(order.id).then(() => announce(t('holds.saved')), ignore)
            }
            disabled={recheck.isPending}
          >
            {recheck.isPending ? t('holds.rechecking') : t('holds.recheck')}
          </button>
        </p>
      )}
      {recheck.isError && <ErrorMessage error={recheck.error} />}
    </section>
  );
}
