/**
 * Audit log: tamper-evident, append-only, hash-chained JSON Lines; head anchored in the OS keychain.
 *
 * How other services use it: take `audit: AuditRecorder` through your constructor (core.ts passes
 * the one `AuditService`) and call
 *   `void audit.record({ type: 'tunnel.open', target: clusterId, details: { bastion, localPort } })`
 * for every action the issue lists (sign-in/out, tenant switch, JIT, tunnel open/close with bytes,
 * SSH open/close, host-key decisions, kubeconfig writes, command-invoke command + exit code, policy
 * changes, checklist exports). `record` never throws for I/O and resolves once the record is on disk.
 * NEVER pass tokens, keys or terminal bytes: details are redacted anyway (secret-named keys →
 * `[redacted]`, `data`/`output`/`input`/… → `[not recorded]`, JWT/PEM/bearer shapes scrubbed), but
 * the rule is to not hand them over. `actor` defaults to the signed-in operator.
 * Verify from a shell: `npx tsx scripts/audit-verify.ts <audit-log.jsonl> [--head '{"seq":N,"hash":"…"}']`.
 */
export { AuditService, CHAIN_HEAD_ACCOUNT, type AuditHealth, type AuditServiceOptions } from './audit-service';
export { AuditForwarder, LOGS_INGESTION_API_VERSION, LOGS_INGESTION_SCOPE, toIngestionRow, type AuditForwardingSettings, type ForwardingStatus } from './audit-forwarder';
export { canonicalJson, chainRecord, GENESIS_HASH, hashRecord, type AuditEvent, type AuditRecord, type AuditRecorder } from './audit-record';
export { NOT_RECORDED, redactAuditDetails, redactAuditText } from './audit-redaction';
export { scanChain, verifyChain, type ChainHead, type HeadLookup, type VerifyReport } from './audit-verify';
export { matchesFilter, toCsv, toJsonLines, type AuditFilterValue } from './audit-query';
export { AuditLogFile } from './audit-log-file';

export { AuthAuditBridge, type AuthStateLike } from './auth-audit-bridge';
export { forwarderFor } from './forwarder-for';
