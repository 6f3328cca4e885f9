import type { OrderDetail } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * The TikTok Shipping label the platform bought for the order (R-CHK-3): its number, carrier
 * and tracking, what it cost (R-BIL-2), and its document while the buyer's data is kept.
 */
export function LabelSection({ label }: { label: NonNullable<OrderDetail['label']> }) {
  const { t, format } = useI18n();
  return (
    <section aria-labelledby="label">
      <h2 id="label">{t('order.label')}</h2>
      <dl className="summary">
        <dt>{t('order.label.number')}</dt>
        <dd>{label.packageId}</dd>
        <dt>{t('order.carrier')}</dt>
        <dd>{label.serviceName ? `${label.carrier} · ${label.serviceName}` : label.carrier}</dd>
        <dt>{t('order.tracking')}</dt>
        <dd>{label.trackingNumber}</dd>
        {label.price && label.currency && (
          <>
            <dt>{t('order.label.price')}</dt>
            <dd>{format.money(Number(label.price.minor), label.currency)}</dd>
          </>
        )}
        <dt>{t('order.label.purchased')}</dt>
        <dd>
          <DateTime iso={label.purchasedAt} />
        </dd>
        <dt>{t('order.label.handedOver')}</dt>
        <dd>
          <DateTime iso={label.handedOverAt} />
        </dd>
      </dl>
      <p>
        {label.documentUrl ? (
          <a href={label.documentUrl} target="_blank" rel="noopener">
            {t('order.label.document', { number: label.packageId })}
          </a>
        ) : (
          t('order.label.erased')
        )}
      </p>
    </section>
  );
}
