// The demo job file written by "Create the Demo Job" (plain text, no VS Code import: tests use it too).
export const DEMO_JOB_FILE = 'demo.flink.yaml';
export const DEMO_SQL_FILE = 'demo.flink.sql';

export function demoJobFileText(flinkVersion: string): string {
  return `# The Flink Pilot demo job. Submit it with "Flink: Submit Job" (or the CodeLens above the name).
name: flink-pilot-demo
description: Revenue per customer over generated orders (stateful, keyed aggregation).
type: sql
flinkVersion: "${flinkVersion}"
# "local" is the local Flink of this version ("Flink: Start Local Flink"), or a cluster named so.
cluster: local
sql: ${DEMO_SQL_FILE}
parallelism: 1
variables:
  rowsPerSecond: 5
config:
  execution.checkpointing.interval: 10 s
  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
savepoints:
  stopMode: savepoint
restore:
  from: latest-savepoint
tags: [demo]
`;
}
