import { type FormEvent, useId, useState } from 'react';
import { useAdjust, useCloseMonth, useCloses, useTenants } from '../../api/ops.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DateTime } from '../../components/date-time.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Refusal } from '../../components/refusal.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

// Currencies with cents: the amount typed is in major units, times 100.
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY'] as const;

function TenantSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  // The tenants to choose from: the first page at the list's largest size.
  const tenants = useTenants(undefined, 200);
  return (
    <div className="field">
      <label htmlFor={id}>{t('ops.billing.tenant')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">{t('ops.billing.pickTenant')}</option>
        {(tenants.data?.items ?? []).map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A charge (positive) or credit (negative) with its reason; the key makes a retry harmless. */
function AdjustmentForm() {
  const { t, format } = useI18n();
  const adjust = useAdjust();
  const currencyId = useId();
  const [tenantId, setTenantId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<(typeof CURRENCIES)[number]>('USD');
  const [reason, setReason] = useState('');
  // One key per adjustment typed: a double click or a retry writes it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const amountMinor = Math.round(Number(amount) * 100);
    adjust.mutate(
      { tenantId, amountMinor, currency, reason, idempotencyKey: key },
      { onSuccess: () => setKey(crypto.randomUUID()) },
    );
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{t('ops.billing.adjust')}</legend>
        <TenantSelect value={tenantId} onChange={setTenantId} />
        <TextField
          label={t('ops.billing.amount')}
          type="number"
          step="0.01"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
        />
        <div className="field">
          <label htmlFor={currencyId}>{t('ops.billing.currency')}</label>
          <select
            id={currencyId}
            value={currency}
            onChange={(e) => setCurrency(e.target.value as (typeof CURRENCIES)[number])}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <TextField
          label={t('ops.billing.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={500}
        />
        <button type="submit" className="primary" disabled={adjust.isPending}>
          {t('ops.billing.adjustAction')}
        </button>
        {adjust.isSuccess && (
          <p role="status">
            {t('ops.billing.adjusted', {
              amount: format.money(Math.round(Number(amount) * 100), currency),
            })}
          </p>
        )}
        {adjust.isError && <Refusal error={adjust.error} />}
      </fieldset>
    </form>
  );
}

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** Starts a tenant's month close (the schedule closes every tenant on the 1st). */
function CloseForm() {
  const { t } = useI18n();
  const close = useCloseMonth();
  const [tenantId, setTenantId] = useState('');
  const [period, setPeriod] = useState(lastMonth);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    close.mutate({ tenantId, period });
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{t('ops.billing.close')}</legend>
        <TenantSelect value={tenantId} onChange={setTenantId} />
        <TextField
          label={t('ops.billing.period')}
          type="month"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          required
        />
        <button type="submit" disabled={close.isPending}>
          {t('ops.billing.closeAction')}
        </button>
        {close.data && (
          <p role="status">
            {t(close.data.started ? 'ops.billing.closeStarted' : 'ops.billing.closeExists')}
          </p>
        )}
        {close.isError && <Refusal error={close.error} />}
      </fieldset>
    </form>
  );
}

export function OpsBillingPage() {
  const { t, format, has } = useI18n();
  const closes = useCloses();
  const label = (key: string, fallback: string) => (has(key) ? t(key) : fallback);
  return (
    <>
      <h1>{t('ops.billing.title')}</h1>
      <AdjustmentForm />
      <CloseForm />
      <h2>{t('ops.billing.closes')}</h2>
      <QueryState query={closes}>
        {(rows) => (
          <DataTable
            items={rows}
            caption="ops.billing.closesCaption"
            empty="ops.billing.noCloses"
            columns={[
              'ops.billing.col.tenant',
              'ops.billing.col.period',
              'ops.billing.col.status',
              'ops.billing.col.total',
              'ops.billing.col.updated',
            ]}
            row={(c) => (
              <tr key={`${c.tenantId}-${c.period}-${c.currency}`}>
                <th scope="row">{c.tenantName}</th>
                <td>{c.period}</td>
                <td>{label(`invoice.${c.status}`, c.status)}</td>
                <td>{format.money(Number(c.ledgerTotalMinor), c.currency)}</td>
                <td>
                  <DateTime iso={c.updatedAt} />
                </td>
              </tr>
            )}
          />
        )}
      </QueryState>
    </>
  );
}
