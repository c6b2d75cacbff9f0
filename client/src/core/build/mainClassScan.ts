// Finds the classes of a jar that declare `public static void main(String[])`, by reading just
// enough of each class file: the constant pool (to name things), the access flags and the methods.
// Used when the jar's manifest names no Main-Class, so the user can choose among the candidates.
import { listZipEntries, readZipEntry } from '../installations/zipEntryReader';

const ACC_PUBLIC = 0x0001;
const ACC_STATIC = 0x0008;
const ACC_INTERFACE = 0x0200;
const MAIN_DESCRIPTOR = '([Ljava/lang/String;)V';
/** Libraries shaded into a job jar bring their own mains (CLIs, tools): they are not the job. */
const LIBRARY_PREFIXES = ['org/apache/', 'com/google/', 'org/slf4j/', 'org/scala', 'scala/', 'kotlin/', 'com/fasterxml/', 'io/netty/', 'org/codehaus/', 'org/joda/', 'org/yaml/', 'META-INF/'];

/** The binary name (`com.acme.Job`) when the class file declares a public static main(String[]); else undefined. */
export function mainClassOf(classFile: Buffer): string | undefined {
  if (classFile.length < 10 || classFile.readUInt32BE(0) !== 0xcafebabe) return undefined;
  let at = 8;
  const count = classFile.readUInt16BE(at);
  at += 2;
  const utf8 = new Map<number, string>();
  const classNameIndex = new Map<number, number>();
  for (let index = 1; index < count; index++) {
    const tag = classFile.readUInt8(at);
    at += 1;
    switch (tag) {
      case 1: {
        const length = classFile.readUInt16BE(at);
        // Modified UTF-8; names and descriptors of interest are plain ASCII.
        utf8.set(index, classFile.toString('utf8', at + 2, at + 2 + length));
        at += 2 + length;
        break;
      }
      case 7:
        classNameIndex.set(index, classFile.readUInt16BE(at));
        at += 2;
        break;
      case 8: case 16: case 19: case 20:
        at += 2;
        break;
      case 15:
        at += 3;
        break;
      case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
        at += 4;
        break;
      case 5: case 6:
        at += 8;
        index++; // long and double take two slots
        break;
      default:
        return undefined; // unknown tag: not a class file we can read
    }
  }
  const accessFlags = classFile.readUInt16BE(at);
  const thisClass = classFile.readUInt16BE(at + 2);
  at += 6;
  const interfaces = classFile.readUInt16BE(at);
  at += 2 + interfaces * 2;
  const skipMembersWithAttributes = (): number => {
    const members = classFile.readUInt16BE(at);
    at += 2;
    return members;
  };
  const skipAttributes = () => {
    const attributes = classFile.readUInt16BE(at);
    at += 2;
    for (let a = 0; a < attributes; a++) at += 6 + classFile.readUInt32BE(at + 2);
  };
  const fields = skipMembersWithAttributes();
  for (let f = 0; f < fields; f++) {
    at += 6;
    skipAttributes();
  }
  const methods = skipMembersWithAttributes();
  let hasMain = false;
  for (let m = 0; m < methods; m++) {
    const flags = classFile.readUInt16BE(at);
    const name = utf8.get(classFile.readUInt16BE(at + 2));
    const descriptor = utf8.get(classFile.readUInt16BE(at + 4));
    at += 6;
    skipAttributes();
    if (name === 'main' && descriptor === MAIN_DESCRIPTOR && (flags & ACC_PUBLIC) && (flags & ACC_STATIC)) hasMain = true;
  }
  if (!hasMain || !(accessFlags & ACC_PUBLIC) || accessFlags & ACC_INTERFACE) return undefined;
  const internalName = utf8.get(classNameIndex.get(thisClass) ?? -1);
  return internalName?.replace(/\//g, '.');
}

/** Classes of the jar with a public static main(String[]), the job's own before shaded libraries'. */
export async function findMainClasses(jarPath: string, options: { includeLibraries?: boolean; maxClasses?: number } = {}): Promise<string[]> {
  const names = (await listZipEntries(jarPath)).filter((n) => n.endsWith('.class') && !n.includes('$') && !n.endsWith('module-info.class') && !n.startsWith('META-INF/versions/'));
  const own = names.filter((n) => !LIBRARY_PREFIXES.some((p) => n.startsWith(p)));
  const candidates = options.includeLibraries ? names : own;
  const found: string[] = [];
  for (const name of candidates.slice(0, options.maxClasses ?? 20_000)) {
    try {
      const bytes = await readZipEntry(jarPath, name);
      const main = bytes && mainClassOf(bytes);
      if (main) found.push(main);
    } catch {
      // One unreadable entry (e.g. an unusual compression) does not hide the others.
    }
  }
  return found.sort();
}
