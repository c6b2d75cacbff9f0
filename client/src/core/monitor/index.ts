// The monitor room: one poller for all clusters, its snapshot and events, and the health model.
export * from './clock';
export * from './monitorTypes';
export * from './pollSchedule';
export * from './jobMonitor';
export * from './health';
export { overviewSignature, rootCauseLine } from './jobChanges';
