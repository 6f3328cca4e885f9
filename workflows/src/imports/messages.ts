export interface ImportStarterInput {
  version: 1;
  tenantId: string;
  shopId: string;
  importId: string;
}

export const importStarterWorkflowId = (importId: string) => `csv-import:${importId}`;
