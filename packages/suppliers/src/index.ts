export type {
  DispatchOptions,
  DispatchResult,
  DispatchTarget,
  SupplierConnector,
} from './connector.ts';
export {
  buildDispatchPayload,
  type DispatchLabel,
  type DispatchLine,
  type DispatchPayload,
  type DispatchPayloadInput,
  type DispatchRecipient,
  dispatchLineSchema,
  dispatchPayloadSchema,
  dispatchRecipientSchema,
} from './dispatch-payload.ts';
export {
  classifyStatus,
  parseRetryAfter,
  SupplierDispatchError,
  type SupplierDispatchErrorCode,
  type SupplierDispatchErrorInit,
} from './errors.ts';
export {
  createEmailBatchSender,
  type EmailBatchSender,
  type EmailSenderOptions,
} from './files/email-sender.ts';
export { hostKeyFingerprint, openSftp, type SftpSession } from './files/sftp.ts';
export {
  type BatchFile,
  FileTransferError,
  type OutboxFile,
  type SftpTarget,
} from './files/types.ts';
export { createHttpPushConnector, type HttpPushConnectorOptions } from './http-push-connector.ts';
export { type SupplierNotice, supplierNoticeSchema } from './notice.ts';
export {
  DEFAULT_TOLERANCE_SEC,
  decodeWebhookSecret,
  generateWebhookSecret,
  type HeaderSource,
  type SignInput,
  signSupplierWebhook,
  type VerifyInput,
  verifySupplierWebhook,
  type WebhookVerifyFailure,
  type WebhookVerifyResult,
} from './signing.ts';
