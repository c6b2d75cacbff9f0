// Entry bundled by jobFile.bench.mjs: Flink Pilot's job-file diagnostics and the named baseline
// (a plain `yaml.parse` + one ajv validation of the full generated schema, no positions, no extra checks).
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createJobFileLanguageFeatures } from '../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { jobSchema } from '../../server/src/languageService/jobFile/jobFileSchemas';
import { isFlinkMapText, matchesFlinkEnum, parseFlinkDuration, parseFlinkMemorySize } from '../../server/src/languageService/jobFile/flinkValues';

export { TextDocument, createJobFileLanguageFeatures, jobSchema };

/** The baseline: parse to plain data and validate against the complete schema (compiled once). */
export function createBaseline(version: '2.3') {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false });
  addFormats(ajv, ['uri', 'email']);
  ajv.addFormat('flink-duration', { type: 'string', validate: (t: string) => parseFlinkDuration(t) !== undefined });
  ajv.addFormat('flink-memory-size', { type: 'string', validate: (t: string) => parseFlinkMemorySize(t) !== undefined });
  ajv.addFormat('flink-map', { type: 'string', validate: isFlinkMapText });
  ajv.addKeyword({ keyword: 'flinkEnum', schemaType: 'array', validate: (allowed: string[], data: unknown) => typeof data !== 'string' || data.split(';').every((d) => matchesFlinkEnum(d, allowed)) });
  const validate = ajv.compile(jobSchema(version));
  return (text: string): number => {
    validate(parse(text));
    return validate.errors?.length ?? 0;
  };
}
