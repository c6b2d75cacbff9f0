// Child process for historyCrash.test.ts: appends history entries in a loop and acknowledges each
// on stdout once `append` has resolved (fsync done). The test SIGKILLs it at random moments.
import { JobHistoryStore } from '../../../client/src/core/history/jobHistory';

const [workspaceRoot, runId, payloadKb] = process.argv.slice(2);
const store = new JobHistoryStore({ workspaceRoot: workspaceRoot! });
const filler = 'x'.repeat(Number(payloadKb) * 1024);

async function main(): Promise<void> {
  for (let i = 0; ; i++) {
    const jobId = `${runId}-${i}`;
    await store.append('crash.flink.yaml', {
      kind: 'submission',
      at: new Date().toISOString(),
      cluster: 'local',
      jobId,
      jobName: 'crash',
      jobType: 'sql',
      flinkVersion: '2.3.0',
      sqlText: `-- ${jobId}\n${filler}`,
      configuration: {},
    });
    process.stdout.write(`ack ${jobId}\n`);
  }
}
void main();
