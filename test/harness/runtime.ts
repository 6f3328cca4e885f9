import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * The SDK's runtime is per process and installs once: warnings and errors only, from both the
 * TypeScript side and the native core (which otherwise warns about the time-skipping server's
 * missing capabilities on every activity failure).
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    // installed already by another file in this worker process
  }
}

const noop = () => {};
/** For bundleWorkflowCode: the bundler's errors only. */
export const quietBundlerLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: console.error,
  log: noop,
};
