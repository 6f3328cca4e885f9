/**
 * Bringing a party onto the platform: a seller binds its marketplace shops by OAuth (R-ONB-1)
 * or opens a file-only shop (R-IN-3); an operator registers a partner supplier. Its own package
 * because each step joins what no other package may: the marketplace client, credentials and
 * encryption, and the repositories. Services and `infra/` both call it; starting the shops'
 * workflows afterwards is the caller's step (`startShopWorkflows` of `@switchyard/workflows`),
 * since no package depends on workflows. Refusals are `OnboardingError` with a stable code.
 */
export { type BoundShops, bindShops } from './bind-shops.ts';
export { createCsvShop } from './csv-shops.ts';
export { OnboardingError, type OnboardingErrorCode } from './errors.ts';
export { registerSupplier } from './register-supplier.ts';
export { type ConnectorInput, setSupplierConnector } from './supplier-connector.ts';
