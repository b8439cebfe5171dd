export { buildApp, type BuildAppOptions } from './app.ts';
export { startServer, type RunningServer, type StartOptions } from './server.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
export { recordAudit, type AuditRecord, type AuditActor } from './modules/audit/audit.repository.ts';
