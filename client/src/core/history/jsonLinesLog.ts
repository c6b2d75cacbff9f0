// A crash-safe append-only log of JSON records, one per line. Each line carries a checksum of its
// record, is written with ONE write() on an O_APPEND descriptor and made durable with fdatasync
// before `append` resolves, so an acknowledged record survives a crash. A process killed mid-write
// leaves at most one torn last line: readers detect and skip it (checksum or JSON fails), and the
// next writer first terminates it with a newline, so it can never swallow the following record.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LogLine<T> {
  /** Checksum of `JSON.stringify(record)`. */
  sum: string;
  record: T;
}

export interface ReadLogResult<T> {
  records: T[];
  /** 1-based line numbers that were torn or corrupt and skipped. */
  skippedLines: number[];
}

export function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function encodeLogLine(record: unknown): string {
  const json = JSON.stringify(record);
  return `{"sum":"${checksum(json)}","record":${json}}\n`;
}

/** Parses one line; undefined when torn, corrupt or tampered. */
export function decodeLogLine<T>(line: string): T | undefined {
  const match = /^\{"sum":"([0-9a-f]{16})","record":(.*)\}$/.exec(line);
  if (!match) return undefined;
  const json = match[2]!;
  if (checksum(json) !== match[1]) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

export async function appendRecord(file: string, record: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const line = encodeLogLine(record);
  const existed = await stat(file).then(
    () => true,
    () => false,
  );
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      // A torn line from a crashed writer: end it so our record starts on its own line.
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(prefix + line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (!existed) await syncDirectory(dirname(file));
}

/** Makes a newly created file's directory entry durable (a no-op where directories cannot be opened). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms do not allow fsync on directories; the data itself is already synced.
  }
}

export async function readRecords<T>(file: string): Promise<ReadLogResult<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skippedLines: [] };
    throw error;
  }
  return parseLog<T>(text);
}

export function parseLog<T>(text: string): ReadLogResult<T> {
  const records: T[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    const record = decodeLogLine<T>(line);
    if (record === undefined) skippedLines.push(index + 1);
    else records.push(record);
  });
  return { records, skippedLines };
}
