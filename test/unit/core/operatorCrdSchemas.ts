// Validators for the Flink Kubernetes Operator 1.15 CRDs in ../shared/reference/flink-operator/:
// each CRD's `spec.versions[].schema.openAPIV3Schema`, compiled with ajv. Kubernetes' strict field
// validation (kubectl's default) rejects fields a structural schema does not declare; plain JSON Schema
// allows them, so every object schema with `properties` gets `additionalProperties: false` unless it
// declares its own or preserves unknown fields.
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const CRD_DIR = fileURLToPath(new URL('../../../../shared/reference/flink-operator/1.15.0/', import.meta.url));

const CRD_FILES: Record<string, string> = {
  FlinkDeployment: 'flinkdeployments.flink.apache.org-v1.yml',
  FlinkSessionJob: 'flinksessionjobs.flink.apache.org-v1.yml',
  FlinkStateSnapshot: 'flinkstatesnapshots.flink.apache.org-v1.yml',
};

type Schema = Record<string, unknown>;

function strictStructural(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictStructural);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) copy[key] = key === 'enum' ? value : strictStructural(value);
  if (copy.properties && copy.additionalProperties === undefined && !copy['x-kubernetes-preserve-unknown-fields']) {
    copy.additionalProperties = false;
  }
  return copy;
}

function crdSchema(kind: string): Schema {
  const crd = parse(readFileSync(CRD_DIR + CRD_FILES[kind], 'utf8')) as {
    spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
  };
  const version = crd.spec.versions.find((v) => v.name === 'v1beta1');
  if (!version || crd.spec.names.kind !== kind) throw new Error(`${CRD_FILES[kind]} is not the v1beta1 ${kind} CRD`);
  const schema = strictStructural(version.schema.openAPIV3Schema) as Schema;
  // apiVersion, kind and metadata are checked by the API server itself, not declared in the CRD.
  const properties = schema.properties as Schema;
  properties.apiVersion = { type: 'string', enum: [`${crd.spec.group}/v1beta1`] };
  properties.kind = { type: 'string', enum: [kind] };
  properties.metadata = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
      namespace: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    },
  };
  schema.required = ['apiVersion', 'kind', 'metadata', 'spec'];
  return schema;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

export function crdValidator(kind: keyof typeof CRD_FILES | string): ValidateFunction {
  let validator = validators.get(kind);
  if (validator) return validator;
  ajv ??= new Ajv({ allErrors: true, strict: true });
  for (const keyword of ['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-embedded-resource']) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, schemaType: ['boolean', 'string', 'array'] });
  }
  validator = ajv.compile(crdSchema(kind));
  validators.set(kind, validator);
  return validator;
}

/** Validation errors as readable lines, empty when the manifest is valid. */
export function crdErrors(manifest: { kind: string; [field: string]: unknown }): string[] {
  const validate = crdValidator(manifest.kind);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
