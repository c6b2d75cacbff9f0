// Crash safety of the job history: a writer process is SIGKILLed at random moments, many times.
// Every entry it acknowledged must survive, the log must read cleanly (at most a torn last line
// per kill, skipped), and no entry may be corrupted by a later append.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobHistoryStore } from '../../client/src/core/history/jobHistory';

const workDir = mkdtempSync(join(tmpdir(), 'fp-crash-'));
const writerBundle = join(workDir, 'writer.cjs');

beforeAll(async () => {
  await build({ entryPoints: [join(__dirname, 'support', 'historyCrashWriter.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: writerBundle, logLevel: 'silent' });
});

function runAndKill(workspaceRoot: string, runId: string, killAfterMs: number, payloadKb: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerBundle, workspaceRoot, runId, String(payloadKb)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let partial = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      // The clock starts at the first acknowledged append, so a slow process start-up on a busy
      // machine cannot make the kill land before any write.
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(acked);
    });
  });
}

describe('history under SIGKILL', () => {
  it('keeps every acknowledged entry across 30 killed writers', async () => {
    const workspaceRoot = mkdtempSync(join(workDir, 'ws-'));
    const acknowledged: string[] = [];
    for (let run = 0; run < 30; run++) {
      // Kills land at a random moment of the append loop (each append is one write + fdatasync).
      const killAfter = 1 + Math.floor(Math.random() * 120);
      acknowledged.push(...(await runAndKill(workspaceRoot, `r${run}`, killAfter, run % 2 === 0 ? 1 : 256)));
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    const view = await new JobHistoryStore({ workspaceRoot }).read('crash.flink.yaml');
    const stored = view.entries.map((e) => (e as { jobId: string }).jobId);
    const storedSet = new Set(stored);
    const lost = acknowledged.filter((id) => !storedSet.has(id));
    expect(lost).toEqual([]);
    // Each kill can tear at most the one line being written.
    expect(view.skippedLines.length).toBeLessThanOrEqual(30);
    // Every entry read is whole: its SQL text starts with its own id.
    for (const entry of view.entries) {
      const { jobId, sqlText } = entry as { jobId: string; sqlText: string };
      expect(sqlText.startsWith(`-- ${jobId}\n`)).toBe(true);
    }
    expect(new Set(stored).size).toBe(stored.length);
  });
});
