// The alerts room: settings from job files, rules, de-duplication and rate limiting, channels
// (email, webhooks), automatic restart, and the service that wires them to the monitor.
export * from './alertTypes';
export * from './alertSettings';
export * from './alertRules';
export * from './alertGate';
export * from './alertText';
export * from './webhookPayloads';
export * from './webhookChannel';
export * from './emailChannel';
export * from './autoRestart';
export * from './alertService';
export { parseFlinkDuration } from './flinkDuration';
export * from './jobServiceRestore';
