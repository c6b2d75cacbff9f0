// The generated JSON Schemas (schemas/*.schema.json, from Flink's option catalogs) and their ajv
// validators. Schemas and validators are built on first use per Flink version: the server starts
// fast and only pays for the versions the workspace uses.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FlinkVersionLine } from '../../protocol';
import { isFlinkMapText, matchesFlinkEnum, matchesFlinkEnumList, parseFlinkDuration, parseFlinkMemorySize } from './flinkValues';

/** A JSON Schema node as the generator writes it (only the fields the language service reads). */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  flinkEnum?: string[];
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  format?: string;
  'x-flink-type'?: string;
  'x-flink-default'?: string | null;
  'x-flink-key'?: string;
  'x-flink-mode'?: string;
  'x-since'?: string;
  'x-recommended'?: { value: string; reason: string };
}

export interface RetiredOption {
  replacement?: string;
  removedIn?: FlinkVersionLine;
  deprecatedIn?: FlinkVersionLine;
  /** Still accepted (with a deprecation warning) by this version. */
  deprecatedOnly: boolean;
  note?: string;
}

export interface JobSchema extends SchemaNode {
  'x-flink-version': FlinkVersionLine;
  'x-flink-release': string;
  'x-retired-options': Record<string, RetiredOption>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// Plain requires with literal paths: esbuild bundles each JSON as a lazily initialised module,
// vitest resolves them natively; nothing is parsed before a version is used.
function requireJobSchema(version: FlinkVersionLine): JobSchema {
  switch (version) {
    case '1.20':
      return require('../../../../schemas/flink-job-1.20.schema.json') as JobSchema;
    case '2.0':
      return require('../../../../schemas/flink-job-2.0.schema.json') as JobSchema;
    case '2.1':
      return require('../../../../schemas/flink-job-2.1.schema.json') as JobSchema;
    case '2.2':
      return require('../../../../schemas/flink-job-2.2.schema.json') as JobSchema;
    case '2.3':
      return require('../../../../schemas/flink-job-2.3.schema.json') as JobSchema;
  }
}
function requireClustersSchema(): SchemaNode {
  return require('../../../../schemas/flink-clusters.schema.json') as SchemaNode;
}
function requireProjectsSchema(): SchemaNode {
  return require('../../../../schemas/flink-projects.schema.json') as SchemaNode;
}
/* eslint-enable @typescript-eslint/no-require-imports */

let ajv: Ajv | undefined;
const jobValidators = new Map<FlinkVersionLine, ValidateFunction>();
let clustersValidator: ValidateFunction | undefined;
let projectsValidator: ValidateFunction | undefined;

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateSchema: false, ownProperties: true });
  addFormats(instance, ['uri', 'email']);
  instance.addFormat('flink-duration', { type: 'string', validate: (text: string) => parseFlinkDuration(text) !== undefined });
  instance.addFormat('flink-memory-size', { type: 'string', validate: (text: string) => parseFlinkMemorySize(text) !== undefined });
  instance.addFormat('flink-map', { type: 'string', validate: isFlinkMapText });
  // Flink parses enum options case-insensitively, which JSON Schema's `enum` cannot express.
  instance.addKeyword({
    keyword: 'flinkEnum',
    schemaType: 'array',
    errors: true,
    validate: function flinkEnum(allowed: string[], data: unknown): boolean {
      if (typeof data === 'string') return data.includes(';') ? matchesFlinkEnumList(data, allowed) : matchesFlinkEnum(data, allowed);
      if (Array.isArray(data)) return true; // items are checked one by one
      return true; // wrong types are reported by `type`
    },
  });
  for (const keyword of ['x-flink-type', 'x-flink-default', 'x-flink-key', 'x-flink-mode', 'x-since', 'x-recommended', 'x-flink-version', 'x-flink-release', 'x-retired-options', 'markdownDescription']) {
    instance.addKeyword({ keyword });
  }
  return instance;
}

export function jobSchema(version: FlinkVersionLine): JobSchema {
  return requireJobSchema(version);
}

export function clustersSchema(): SchemaNode {
  return requireClustersSchema();
}

/** Schema of `.flink/projects.yaml` (Git build projects). */
export function projectsSchema(): SchemaNode {
  return requireProjectsSchema();
}

/**
 * Validator of a job file's structure. `config` is only checked to be a mapping here: compiling a
 * thousand option schemas costs seconds, so each option's value is checked by its own small
 * validator, compiled the first time the option is used (`configOptionValidator`).
 */
export function jobValidator(version: FlinkVersionLine): ValidateFunction {
  let validator = jobValidators.get(version);
  if (!validator) {
    ajv ??= createAjv();
    const schema = requireJobSchema(version);
    const config = schema.properties?.config;
    const structural = { ...schema, properties: { ...schema.properties, config: { type: 'object', description: config?.description } } };
    validator = ajv.compile(structural);
    jobValidators.set(version, validator);
  }
  return validator;
}

const optionValidators = new WeakMap<SchemaNode, ValidateFunction>();

/** Validator of one Flink option's value (compiled on first use, cached per schema node). */
export function configOptionValidator(schema: SchemaNode): ValidateFunction {
  let validator = optionValidators.get(schema);
  if (!validator) {
    ajv ??= createAjv();
    validator = ajv.compile(schema);
    optionValidators.set(schema, validator);
  }
  return validator;
}

export function clusterDefinitionsValidator(): ValidateFunction {
  ajv ??= createAjv();
  clustersValidator ??= ajv.compile(requireClustersSchema());
  return clustersValidator;
}

export function projectDefinitionsValidator(): ValidateFunction {
  ajv ??= createAjv();
  projectsValidator ??= ajv.compile(requireProjectsSchema());
  return projectsValidator;
}

export type SchemaError = ErrorObject;

/** The schema of a config option key of a version (exact key, then `<name>` patterns). */
export function configOptionSchema(version: FlinkVersionLine, key: string): SchemaNode | undefined {
  const config = jobSchema(version).properties?.config;
  const exact = config?.properties?.[key];
  if (exact) return exact;
  for (const [pattern, schema] of Object.entries(config?.patternProperties ?? {})) {
    let regex = patternRegexes.get(pattern);
    if (!regex) patternRegexes.set(pattern, (regex = new RegExp(pattern)));
    if (regex.test(key)) return schema;
  }
  return undefined;
}

const patternRegexes = new Map<string, RegExp>();
