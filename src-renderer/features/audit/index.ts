/** Public face of the audit feature. */
export { AuditScreen } from './audit-screen';
