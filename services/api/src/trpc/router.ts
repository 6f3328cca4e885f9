import { createApiTokenProcedure } from './api-tokens/create.ts';
import { listApiTokensProcedure } from './api-tokens/list.ts';
import { revokeApiTokenProcedure } from './api-tokens/revoke.ts';
import { estimateProcedure } from './billing/estimate.ts';
import { invoicesProcedure } from './billing/invoices.ts';
import { ledgerProcedure } from './billing/ledger.ts';
import { paymentMethodProcedure } from './billing/payment-method.ts';
import { paymentMethodLinkProcedure } from './billing/payment-method-link.ts';
import { periodToDateProcedure } from './billing/period-to-date.ts';
import { planProcedure } from './billing/plan.ts';
import { listNotificationsProcedure } from './notifications/list.ts';
import { ackAlertProcedure } from './ops/ack-alert.ts';
import { adjustLedgerProcedure } from './ops/adjust-ledger.ts';
import { issuePartnerKeyProcedure } from './ops/issue-partner-key.ts';
import { listAlertsProcedure } from './ops/list-alerts.ts';
import { listBillingFindingsProcedure } from './ops/list-billing-findings.ts';
import { listParkedInboxProcedure } from './ops/list-parked-inbox.ts';
import { listPartnerKeysProcedure } from './ops/list-partner-keys.ts';
import { listTenantsProcedure } from './ops/list-tenants.ts';
import { closeMonthProcedure, listClosesProcedure } from './ops/month-closes.ts';
import { redeliverDispatchProcedure } from './ops/redeliver-dispatch.ts';
import { requeueInboxProcedure } from './ops/requeue-inbox.ts';
import { resumeSupplierProcedure } from './ops/resume-supplier.ts';
import { revokePartnerKeyProcedure } from './ops/revoke-partner-key.ts';
import { setFeePlanProcedure } from './ops/set-fee-plan.ts';
import { setSupplierConnectorProcedure } from './ops/set-supplier-connector.ts';
import { setSupplierSlaProcedure } from './ops/set-supplier-sla.ts';
import { slaBoardProcedure } from './ops/sla-board.ts';
import { supplierScorecardsProcedure } from './ops/supplier-scorecards.ts';
import { diagnoseOrder } from './orders/diagnose.ts';
import { getOrderProcedure } from './orders/get.ts';
import { listOrders } from './orders/list.ts';
import { recheckOrderProcedure } from './orders/recheck.ts';
import { updateAddressProcedure } from './orders/update-address.ts';
import { dailyReportProcedure } from './reports/daily.ts';
import { promiseReportProcedure } from './reports/promise.ts';
import { currentSessionProcedure } from './session/current.ts';
import { signOutProcedure } from './session/sign-out.ts';
import { createCsvShopProcedure } from './shops/create-csv-shop.ts';
import { listShopsProcedure } from './shops/list.ts';
import { listSkuMappingsProcedure } from './sku-mappings/list.ts';
import { upsertSkuMappingProcedure } from './sku-mappings/upsert.ts';
import { acknowledgeDispatchProcedure } from './supplier/acknowledge.ts';
import { downloadBatchProcedure, listBatchesProcedure } from './supplier/batches.ts';
import { dispatchLabelProcedure } from './supplier/label.ts';
import { listSupplierDispatchesProcedure } from './supplier/list-dispatches.ts';
import { rejectDispatchProcedure } from './supplier/reject.ts';
import { shipDispatchProcedure } from './supplier/ship.ts';
import { uploadAnswersProcedure } from './supplier/upload-answers.ts';
import { uploadStockProcedure } from './supplier/upload-stock.ts';
import { listSuppliersProcedure } from './suppliers/list.ts';
import { setSupplierPreferenceProcedure } from './suppliers/set-preference.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  /** The portal's own session: who is signed in, its CSRF token, sign-out. */
  session: router({ current: currentSessionProcedure, signOut: signOutProcedure }),
  orders: router({
    list: listOrders,
    get: getOrderProcedure,
    updateAddress: updateAddressProcedure,
    recheck: recheckOrderProcedure,
    diagnose: diagnoseOrder,
  }),
  skuMappings: router({ upsert: upsertSkuMappingProcedure, list: listSkuMappingsProcedure }),
  notifications: router({ list: listNotificationsProcedure }),
  reports: router({ promise: promiseReportProcedure, daily: dailyReportProcedure }),
  billing: router({
    periodToDate: periodToDateProcedure,
    estimate: estimateProcedure,
    ledger: ledgerProcedure,
    plan: planProcedure,
    invoices: invoicesProcedure,
    paymentMethod: paymentMethodProcedure,
    paymentMethodLink: paymentMethodLinkProcedure,
  }),
  apiTokens: router({
    create: createApiTokenProcedure,
    list: listApiTokensProcedure,
    revoke: revokeApiTokenProcedure,
  }),
  shops: router({ list: listShopsProcedure, createCsvShop: createCsvShopProcedure }),
  suppliers: router({
    list: listSuppliersProcedure,
    setPreference: setSupplierPreferenceProcedure,
  }),
  /** A supplier's portal session (issue 12): its own dispatches, files and catalog only. */
  supplier: router({
    dispatches: router({
      list: listSupplierDispatchesProcedure,
      acknowledge: acknowledgeDispatchProcedure,
      reject: rejectDispatchProcedure,
      ship: shipDispatchProcedure,
      label: dispatchLabelProcedure,
    }),
    files: router({
      batches: listBatchesProcedure,
      downloadBatch: downloadBatchProcedure,
      uploadAnswers: uploadAnswersProcedure,
    }),
    catalog: router({ uploadStock: uploadStockProcedure }),
  }),
  /** Operator procedures: an operator token (`sy_op_…`) or session, never a tenant's. */
  ops: router({
    inbox: router({ listParked: listParkedInboxProcedure, requeue: requeueInboxProcedure }),
    partnerKeys: router({
      issue: issuePartnerKeyProcedure,
      revoke: revokePartnerKeyProcedure,
      list: listPartnerKeysProcedure,
    }),
    suppliers: router({
      setSla: setSupplierSlaProcedure,
      setConnector: setSupplierConnectorProcedure,
      resume: resumeSupplierProcedure,
      scorecards: supplierScorecardsProcedure,
    }),
    billing: router({
      setPlan: setFeePlanProcedure,
      adjust: adjustLedgerProcedure,
      closes: listClosesProcedure,
      close: closeMonthProcedure,
      findings: listBillingFindingsProcedure,
    }),
    tenants: router({ list: listTenantsProcedure }),
    sla: router({ board: slaBoardProcedure }),
    alerts: router({ list: listAlertsProcedure, ack: ackAlertProcedure }),
    dispatches: router({ redeliver: redeliverDispatchProcedure }),
  }),
});

export type AppRouter = typeof appRouter;
