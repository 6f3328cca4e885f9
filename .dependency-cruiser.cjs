/**
 * The layering of ARCHITECTURE.md, checked by `pnpm lint` on every import the compiler would
 * resolve. Workspace packages resolve to their folders, so a rule about `services/` also
 * catches `@switchyard/api`. Tests and test support (`*.test.ts`, `testing/` entries) may reach
 * across layers; runtime code may not. test/layering/layering.test.ts breaks each rule once.
 */
const TEST_SUPPORT = '(\\.test\\.ts$|/testing/)';
// Modules that do I/O; packages/domain and workflow code use none of them.
const IO_BUILTINS =
  '^(fs|fs/promises|net|http|http2|https|child_process|cluster|dgram|dns|tls|worker_threads)$';
// Resolved (…/node_modules/pg/, or its @types twin) or, when not even a dependency, bare names.
const IO_PACKAGES =
  '(node_modules/(@types/)?|^)(pg|kysely|@temporalio/(client|worker|activity)|hono|@hono|@trpc|stripe|pino)(/|$)';
// The browser app: it reaches the api over HTTP only.
const PORTAL = '^services/portal/';
const FAMILIES = '(order|shop|imports|maintenance|shipment|file-batches|billing)';

module.exports = {
  forbidden: [
    {
      name: 'not-resolvable',
      comment:
        'An import that does not resolve is a package used without being a dependency (pnpm ' +
        'keeps them apart) or a typo; either way the layering cannot be checked through it.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'undeclared-dependency',
      comment: 'A package imported without being in the importing package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'packages/domain is rules on data: nothing of ours but itself, no I/O library.',
      severity: 'error',
      from: { path: '^packages/domain/src/', pathNot: TEST_SUPPORT },
      to: { path: ['^(packages/(?!domain/)|services/|workflows/|infra/|test/)', IO_PACKAGES] },
    },
    {
      name: 'domain-no-io-builtins',
      comment: 'packages/domain does no I/O: no file, network or process modules.',
      severity: 'error',
      from: { path: '^packages/domain/src/', pathNot: TEST_SUPPORT },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'packages-below-services',
      comment: 'Packages are libraries: never a service, workflows/, infra/ or test/.',
      severity: 'error',
      from: { path: '^packages/', pathNot: TEST_SUPPORT },
      to: { path: '^(services/|workflows/|infra/|test/)' },
    },
    {
      name: 'workflows-below-services',
      comment: 'workflows/ is used by services; it never imports one, nor infra/ or test/.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: TEST_SUPPORT },
      to: { path: '^(services/|infra/|test/)' },
    },
    {
      name: 'services-independent',
      comment: 'A service never imports another service: they talk over HTTP or Temporal.',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: [TEST_SUPPORT, PORTAL] },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'portal-knows-only-the-api-router-type',
      comment:
        'The portal runs in the browser and talks to the api over tRPC: it imports the type of ' +
        "the api's router from its entry point, never api code, another service or a package.",
      severity: 'error',
      from: { path: PORTAL, pathNot: TEST_SUPPORT },
      to: {
        path: '^(services/(?!portal/)|packages/|workflows/|infra/|test/)',
        pathNot: '^services/api/src/index\\.ts$',
      },
    },
    {
      name: 'portal-imports-api-types-only',
      comment: "The api's entry point gives the portal its router type; no value crosses over.",
      severity: 'error',
      from: { path: PORTAL, pathNot: TEST_SUPPORT },
      to: { path: '^services/api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-without-test-support',
      comment: 'Runtime code never imports test data, testing entries or simulators.',
      severity: 'error',
      from: { path: '^(packages|services|workflows)/', pathNot: TEST_SUPPORT },
      to: { path: ['^test/', '/testing/'] },
    },
    {
      name: 'workflow-families-apart',
      comment:
        'A workflow family imports only itself and workflows/src/shared; families reach each ' +
        'other through ports the worker wires.',
      severity: 'error',
      from: { path: `^workflows/src/${FAMILIES}/`, pathNot: TEST_SUPPORT },
      to: { path: `^workflows/src/${FAMILIES}/`, pathNot: '^workflows/src/$1/' },
    },
    {
      name: 'workflow-code-imports-types-of-activities',
      comment:
        'Workflow code runs in the deterministic sandbox and calls activities through ' +
        'proxyActivities: only their types may be imported.',
      severity: 'error',
      from: { path: '^workflows/src/.+/workflows\\.ts$' },
      to: { path: 'activities', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflow-code-is-deterministic',
      comment: 'Workflow code: no Node modules, no database, no SDK clients, no I/O packages.',
      severity: 'error',
      from: { path: '^workflows/src/.+/workflows\\.ts$' },
      to: {
        path: [
          IO_PACKAGES,
          '^packages/(db|auth|onboarding|tiktok-shop|suppliers|carriers|observability|stripe-billing)/',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'workflow-code-no-node-modules',
      comment: 'Workflow code is bundled for the sandbox: no Node built-ins.',
      severity: 'error',
      from: { path: '^workflows/src/.+/workflows\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.turbo|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
