// Flink configuration options per version (SET/RESET keys): type, default, description, enum values.
// Data: data/configOptions.json, generated from Flink's own option tables by data/buildConfigOptions.mjs.
// Loaded on first use (a lazy require keeps it out of the server's start-up path).
import { SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine } from '../../protocol';
import { versionIndex } from './flinkVersions';
// One table for the server and the schema generator: schemas/renamedOptions.json.
import renamedOptions from '../../../../schemas/renamedOptions.json';

export interface ConfigOption {
  key: string;
  /** Flink's type name: Boolean, String, Integer, Duration, MemorySize, Enum, List<String>, Map, … */
  type: string;
  /** Default as shown in Flink's docs (string defaults keep their quotes); null when there is none. */
  default: string | null;
  description: string;
  /** Docs section the option comes from, e.g. `execution_checkpointing_configuration`. */
  section: string;
  /** `Batch`, `Streaming` or `Batch Streaming` for table options. */
  mode?: string;
  /** Allowed values of Enum / List<Enum> options. */
  enum?: string[];
  /** First version line (of the supported ones) that has the option. */
  since: FlinkVersionLine;
}

/** A key that the chosen version does not accept any more (or never did) and what to use instead. */
export interface RetiredOption {
  key: string;
  /** Replacement key, when Flink renamed the option. */
  replacement?: string;
  /** The version line that dropped the key, when known. */
  removedIn?: FlinkVersionLine;
  /** Still accepted as a deprecated fallback by this version. */
  deprecatedOnly: boolean;
  note?: string;
}

interface RawCatalog {
  versions: string[];
  options: Array<Omit<ConfigOption, 'since'> & { versions: number; defaultsByVersion?: Record<string, string | null> }>;
}

// Options Flink renamed or dropped. Deprecated keys are absent from Flink's option tables, so they
// are listed here: `deprecatedIn` = still works (with a warning) from that version until `removedIn`.
const RENAMED = renamedOptions as ReadonlyArray<{ key: string; replacement?: string; deprecatedIn?: FlinkVersionLine; removedIn: FlinkVersionLine; note?: string }>;

let raw: RawCatalog | undefined;
const perVersion = new Map<FlinkVersionLine, ReadonlyMap<string, ConfigOption>>();
const sortedKeys = new Map<FlinkVersionLine, readonly string[]>();

function loadRaw(): RawCatalog {
  // A plain require: esbuild bundles the JSON as a lazily initialised module, vitest resolves it natively.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  raw ??= require('./data/configOptions.json') as RawCatalog;
  return raw;
}

/** Every option of a version line, by key. */
export function configOptions(version: FlinkVersionLine): ReadonlyMap<string, ConfigOption> {
  let map = perVersion.get(version);
  if (map) return map;
  const catalog = loadRaw();
  const bit = 1 << catalog.versions.indexOf(version);
  const built = new Map<string, ConfigOption>();
  for (const o of catalog.options) {
    if (!(o.versions & bit)) continue;
    const sinceIndex = Math.max(0, Math.log2(o.versions & -o.versions));
    const option: ConfigOption = {
      key: o.key,
      type: o.type,
      default: o.defaultsByVersion && version in o.defaultsByVersion ? o.defaultsByVersion[version]! : o.default,
      description: o.description,
      section: o.section,
      since: catalog.versions[sinceIndex] as FlinkVersionLine,
    };
    if (o.mode) option.mode = o.mode;
    if (o.enum) option.enum = o.enum;
    built.set(o.key, option);
  }
  map = built;
  perVersion.set(version, map);
  return map;
}

/** Keys of a version sorted alphabetically (for prefix search and did-you-mean). */
export function configOptionKeys(version: FlinkVersionLine): readonly string[] {
  let keys = sortedKeys.get(version);
  if (!keys) {
    keys = [...configOptions(version).keys()].sort();
    sortedKeys.set(version, keys);
  }
  return keys;
}

export function lookupConfigOption(version: FlinkVersionLine, key: string): ConfigOption | undefined {
  return configOptions(version).get(key);
}

/** Why `key` is not (or no longer fully) valid in `version`, when Flink renamed or dropped it. */
export function retiredConfigOption(version: FlinkVersionLine, key: string): RetiredOption | undefined {
  const at = versionIndex(version);
  const curated = RENAMED.find((r) => r.key === key);
  if (curated) {
    const removed = versionIndex(curated.removedIn) <= at;
    const deprecated = curated.deprecatedIn !== undefined && versionIndex(curated.deprecatedIn) <= at;
    if (removed || deprecated) {
      const retired: RetiredOption = { key, deprecatedOnly: !removed, removedIn: curated.removedIn };
      if (curated.replacement) retired.replacement = curated.replacement;
      if (curated.note) retired.note = curated.note;
      return retired;
    }
  }
  // Present in an older line's catalog but not in this one.
  if (configOptions(version).has(key)) return undefined;
  for (let i = at - 1; i >= 0; i--) {
    if (configOptions(SUPPORTED_FLINK_VERSIONS[i]!).has(key)) {
      return { key, removedIn: SUPPORTED_FLINK_VERSIONS[i + 1]!, deprecatedOnly: false };
    }
  }
  return undefined;
}

/** Values a SET of this option may take (enum values, true/false), for completion. */
export function optionValueChoices(option: Pick<ConfigOption, 'type' | 'enum'>): string[] {
  if (option.enum) return option.enum;
  if (option.type === 'Boolean') return ['true', 'false'];
  return [];
}

/** Markdown documentation of an option for hover and completion. */
export function describeConfigOption(option: ConfigOption, version: FlinkVersionLine): string {
  const lines = [`**${option.key}** · \`${option.type}\``, ''];
  lines.push(`Default: ${option.default === null ? '_(none)_' : `\`${option.default}\``}`);
  if (option.mode) lines.push(`Applies to: ${option.mode}`);
  lines.push(`Flink ${version}${option.since !== '1.20' ? ` (since ${option.since})` : ''}`, '', option.description);
  return lines.join('  \n').replace(/ {2}\n\n/g, '\n\n');
}
