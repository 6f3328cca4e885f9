import { fileURLToPath } from 'node:url';

/** Absolute path of the workflow bundle entry, for Worker.create / bundleWorkflowCode. */
export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
