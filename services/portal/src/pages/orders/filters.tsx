import { useId } from 'react';
import { useSuppliers } from '../../api/catalog.ts';
import { ORDER_STATUSES } from '../../api/orders.ts';
import { useShops } from '../../api/settings.ts';
import type { OrderStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

export type SlaRisk = 'late' | 'at_risk';

/** What the orders list is narrowed by, as the form holds it (dates as `YYYY-MM-DD`). */
export interface OrderFilters {
  status: OrderStatus | '';
  slaRisk: SlaRisk | '';
  shopId: string;
  supplierId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: OrderFilters = {
  status: '',
  slaRisk: '',
  shopId: '',
  supplierId: '',
  from: '',
  to: '',
};

/** Local midnight of a `YYYY-MM-DD` day as an instant; `days` later for the day's end. */
const dayStart = (day: string, days = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + days);
  return d.toISOString();
};

/** The api's filter input: the reader's days, whole, in the reader's time zone. */
export function toListInput(f: OrderFilters) {
  return {
    ...(f.status && { status: f.status }),
    ...(f.slaRisk && { slaRisk: f.slaRisk }),
    ...(f.shopId && { shopId: f.shopId }),
    ...(f.supplierId && { supplierId: f.supplierId }),
    ...(f.from && { createdFrom: dayStart(f.from) }),
    ...(f.to && { createdBefore: dayStart(f.to, 1) }),
  };
}

function Select({
  label,
  value,
  onChange,
  options,
  all,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string }>;
  all: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** The filters above the orders table; any change starts the list again from its first page. */
export function OrderFiltersForm({
  value,
  onChange,
}: {
  value: OrderFilters;
  onChange: (f: OrderFilters) => void;
}) {
  const { t } = useI18n();
  const shops = useShops(undefined);
  const suppliers = useSuppliers(undefined);
  const set = (k: keyof OrderFilters) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <div className="filters">
      <Select
        label={t('orders.filterStatus')}
        value={value.status}
        onChange={set('status')}
        all={t('orders.allStatuses')}
        options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Select
        label={t('orders.filterRisk')}
        value={value.slaRisk}
        onChange={set('slaRisk')}
        all={t('orders.anyRisk')}
        options={[
          { value: 'at_risk', label: t('orders.risk.at_risk') },
          { value: 'late', label: t('orders.risk.late') },
        ]}
      />
      <Select
        label={t('orders.filterShop')}
        value={value.shopId}
        onChange={set('shopId')}
        all={t('orders.allShops')}
        options={(shops.data?.items ?? []).map((s) => ({
          value: s.id,
          label: `${s.name} (${s.region})`,
        }))}
      />
      <Select
        label={t('orders.filterSupplier')}
        value={value.supplierId}
        onChange={set('supplierId')}
        all={t('orders.allSuppliers')}
        options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      />
      <DateInput label={t('orders.filterFrom')} value={value.from} onChange={set('from')} />
      <DateInput label={t('orders.filterTo')} value={value.to} onChange={set('to')} />
    </div>
  );
}
