/** The OS keychain behind one `SecretStore` port, with chunking, a cross-process lock and the MSAL cache plugin. */
export { ChunkedBlob } from './chunked-blob';
export { FileLock } from './cross-process-lock';
export type { SecretStoreKind } from './fallback-secret-store';
export { type CacheStorageMode, KeychainCachePlugin } from './keychain-cache-plugin';
export { describeKeychainFailure, type SecretStore, SecretStoreUnavailableError } from './secret-store';
