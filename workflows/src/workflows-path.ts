import { fileURLToPath } from 'node:url';

/** Absolute path of the workflow bundle entry, for Worker.create / bundleWorkflowCode. */
export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

/** The workflow interceptors a tracing worker bundles (workflowInterceptorModules). */
export const tracingWorkflowModules = [
  fileURLToPath(new URL('./tracing-interceptors.ts', import.meta.url)),
];
