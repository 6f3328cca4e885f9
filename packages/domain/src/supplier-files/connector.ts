/**
 * How the platform reaches a supplier (R-RT-2): JSON pushed to its endpoint (`api_push`), JSON
 * it pulls from the partner API (`api_pull`), or a CSV batch on its schedule for a supplier
 * without IT, by e-mail (`file_email`) or SFTP (`file_sftp`).
 */
export const SUPPLIER_CONNECTORS = ['api_push', 'api_pull', 'file_email', 'file_sftp'] as const;
export type SupplierConnectorKind = (typeof SUPPLIER_CONNECTORS)[number];

/** A connector whose dispatches wait for a batch file instead of an HTTP push. */
export function isFileConnector(kind: SupplierConnectorKind): kind is 'file_email' | 'file_sftp' {
  return kind === 'file_email' || kind === 'file_sftp';
}

/** Whether the dispatch activity pushes the order at once (only `api_push` does). */
export function pushesAtDispatch(kind: SupplierConnectorKind): boolean {
  return kind === 'api_push';
}

/** How an answer file reached the platform. */
export const SUPPLIER_FILE_SOURCES = ['upload', 'sftp', 'email'] as const;
export type SupplierFileSource = (typeof SUPPLIER_FILE_SOURCES)[number];

/**
 * An answer file's processing: `processing` while its rows are applied; `done` once every row
 * has its outcome (a malformed file is done with nothing applied); `incomplete` when some row
 * could not be taken in time, so the same file sent again is processed again (its applied rows
 * then answer as repeats).
 */
export const SUPPLIER_FILE_STATUSES = ['processing', 'done', 'incomplete'] as const;
export type SupplierFileStatus = (typeof SUPPLIER_FILE_STATUSES)[number];
