import type { SupplierFileSource } from '@switchyard/domain';
import type { AnswerRowResult } from '@switchyard/domain/csv';

/**
 * How the file-batch family hands an answer file it picked up (SFTP) to the order family, which
 * applies each row as a supplier message. The worker wires the order family's
 * processSupplierFile into it, so no family imports another. Idempotent by the file's content.
 */
export type SupplierAnswerIntake = (file: {
  supplierId: string;
  source: SupplierFileSource;
  fileName: string;
  content: Uint8Array;
}) => Promise<{
  repeat: boolean;
  fileError?: { code: string; message: string } | undefined;
  results: AnswerRowResult[];
}>;
