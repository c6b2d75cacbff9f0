// What the poller benchmark bundles: the monitor and the REST client it polls with.
export { JobMonitor } from '../../client/src/core/monitor/jobMonitor';
export { systemClock } from '../../client/src/core/monitor/clock';
export { workspaceHealth } from '../../client/src/core/monitor/health';
export { FlinkRestClient } from '../../client/src/core/flink/flinkRestClient';
