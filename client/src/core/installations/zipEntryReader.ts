// Reads one entry of a zip (a jar) without unpacking the rest: the end-of-central-directory record
// (zip64 aware, since flink-dist holds tens of thousands of entries), then the central directory,
// then the entry's local header and data. Only what a jar manifest needs: stored or deflated entries.
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { FlinkPilotError } from '../errors';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A manifest is small; refuse to inflate anything bigger into memory. */
const MAX_ENTRY_SIZE = 16 * 1024 * 1024;

interface CentralDirectory {
  offset: number;
  size: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function badZip(path: string, why: string): FlinkPilotError {
  return new FlinkPilotError(`${path} is not a readable zip/jar file: ${why}.`, { code: 'bad-zip' });
}

async function findCentralDirectory(file: FileHandle, path: string, fileSize: number): Promise<CentralDirectory> {
  const tailLength = Math.min(fileSize, EOCD_MIN_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(file, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badZip(path, 'no end of central directory record');
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || size === 0xffffffff || tail.readUInt16LE(eocd + 10) === 0xffff) {
    const locatorAt = eocd - 20;
    if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64At = Number(tail.readBigUInt64LE(locatorAt + 8));
      const zip64 = await readAt(file, zip64At, 56);
      if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw badZip(path, 'broken zip64 record');
      size = Number(zip64.readBigUInt64LE(40));
      offset = Number(zip64.readBigUInt64LE(48));
    }
  }
  if (offset + size > fileSize) throw badZip(path, 'central directory beyond the end of the file');
  return { offset, size };
}

/** Returns the bytes of `entryName`, or undefined when the archive has no such entry. */
export async function readZipEntry(path: string, entryName: string): Promise<Buffer | undefined> {
  const file = await open(path, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const directory = await findCentralDirectory(file, path, fileSize);
    const central = await readAt(file, directory.offset, directory.size);
    const wanted = Buffer.from(entryName, 'utf8');
    let at = 0;
    while (at + 46 <= central.length && central.readUInt32LE(at) === CENTRAL_ENTRY_SIGNATURE) {
      const method = central.readUInt16LE(at + 10);
      let compressedSize = central.readUInt32LE(at + 20);
      let uncompressedSize = central.readUInt32LE(at + 24);
      const nameLength = central.readUInt16LE(at + 28);
      const extraLength = central.readUInt16LE(at + 30);
      const commentLength = central.readUInt16LE(at + 32);
      let localOffset = central.readUInt32LE(at + 42);
      const name = central.subarray(at + 46, at + 46 + nameLength);
      if (name.equals(wanted)) {
        // Zip64 extra field (id 1) carries the sizes/offset that do not fit 32 bits, in this order.
        const extra = central.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
        for (let e = 0; e + 4 <= extra.length; ) {
          const id = extra.readUInt16LE(e);
          const length = extra.readUInt16LE(e + 2);
          if (id === 1) {
            let field = e + 4;
            if (uncompressedSize === 0xffffffff) { uncompressedSize = Number(extra.readBigUInt64LE(field)); field += 8; }
            if (compressedSize === 0xffffffff) { compressedSize = Number(extra.readBigUInt64LE(field)); field += 8; }
            if (localOffset === 0xffffffff) { localOffset = Number(extra.readBigUInt64LE(field)); }
          }
          e += 4 + length;
        }
        if (uncompressedSize > MAX_ENTRY_SIZE) throw badZip(path, `entry ${entryName} is too large (${uncompressedSize} bytes)`);
        const local = await readAt(file, localOffset, 30);
        if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw badZip(path, `broken local header of ${entryName}`);
        const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const data = await readAt(file, dataStart, compressedSize);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw badZip(path, `entry ${entryName} uses compression method ${method}`);
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return undefined;
  } finally {
    await file.close();
  }
}

/** Parses a jar manifest (`Key: value` lines, continuation lines start with one space). */
export function parseManifest(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(' ') && lastKey) {
      attributes.set(lastKey, attributes.get(lastKey) + line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      lastKey = undefined;
      continue;
    }
    lastKey = line.slice(0, colon).trim();
    if (!attributes.has(lastKey)) attributes.set(lastKey, line.slice(colon + 1).trim());
  }
  return attributes;
}

/** Names of all entries of a zip (a jar), in central directory order (used to find classes with `main`). */
export async function listZipEntries(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const directory = await findCentralDirectory(file, path, fileSize);
    const central = await readAt(file, directory.offset, directory.size);
    const names: string[] = [];
    let at = 0;
    while (at + 46 <= central.length && central.readUInt32LE(at) === CENTRAL_ENTRY_SIGNATURE) {
      const nameLength = central.readUInt16LE(at + 28);
      const extraLength = central.readUInt16LE(at + 30);
      const commentLength = central.readUInt16LE(at + 32);
      names.push(central.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await file.close();
  }
}
