// Values the global setup hands to integration tests through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    temporalAddress: string;
    workflowBundlePath: string;
    /** Time-skipping test server binary, when the bootstrap found one. */
    temporalTestServerPath: string | undefined;
    /** Why the PostgreSQL-backed Temporal server could not be built; undefined when it was. */
    temporalServerProblem: string | undefined;
  }
}

export {};
