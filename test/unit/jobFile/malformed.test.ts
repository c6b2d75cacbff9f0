// The malformed-file corpus: every broken input gets a positioned diagnostic, no request throws, and
// the service keeps answering for the next (valid) document.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { parseClusterDefinitionsText } from '../../../client/src/core/jobs/clusterDefinitions';
import { parseJobFileText } from '../../../client/src/core/jobs/jobFile';
import { jobDocument, jobsDir } from './support';

const features = createJobFileLanguageFeatures();
const VALID = 'name: ok\ntype: sql\nflinkVersion: "2.3"\ncluster: local\nsql: sql/orders.flink.sql\n';

function billionLaughs(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

const binary = (() => {
  const bytes = randomBytes(4096);
  bytes[10] = 0;
  return bytes.toString('latin1');
})();

const corpus: Array<{ name: string; text: string; code: string; at: string; file?: string }> = [
  { name: 'tab indentation', text: 'name: x\ntype: sql\nconfig:\n\tparallelism.default: 2\n', code: 'yaml-syntax', at: '4:1' },
  { name: 'duplicate keys', text: `${VALID}name: again\n`, code: 'duplicate-key', at: '6:1' },
  { name: 'wrong type: config as a list', text: `${VALID}config: [a, b]\n`, code: 'wrong-type', at: '6:9' },
  { name: 'wrong type: the whole file is a list', text: '- name: x\n- type: sql\n', code: 'not-a-mapping', at: '1:1' },
  { name: 'wrong type: the whole file is a scalar', text: 'just some words\n', code: 'not-a-mapping', at: '1:1' },
  { name: 'undefined alias', text: `${VALID}parallelism: *p\n`, code: 'unknown-alias', at: '6:14' },
  { name: 'anchors and aliases', text: `${VALID}variables: &vars\n  a: 1\ntags: [x]\nconfig:\n  pipeline.global-job-parameters: *vars\n`, code: 'alias', at: '10:35' },
  { name: 'alias bomb', text: billionLaughs(), code: 'yaml-aliases', at: '1:1' },
  { name: '5 MB file', text: `${VALID}description: |\n${'  lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(90_000)}`, code: 'too-large', at: '1:1' },
  { name: 'binary garbage', text: binary, code: 'binary', at: '' },
  { name: 'empty file', text: '', code: 'empty', at: '1:1' },
  { name: 'only comments', text: '# nothing here\n\n', code: 'empty', at: '1:1' },
  { name: 'unterminated quote', text: 'name: "unterminated\ntype: sql\n', code: 'yaml-syntax', at: '' },
  { name: 'two YAML documents', text: `${VALID}---\nname: second\n`, code: 'multiple-documents', at: '7:1' },
  { name: 'literal token in clusters.yaml', file: '.flink/clusters.yaml', text: 'clusters:\n  - name: prod\n    restUrl: https://flink:8081\n    auth:\n      type: token\n      token: s3cr3t-value\n', code: 'literal-secret', at: '6:7' },
  { name: 'literal password in clusters.yaml', file: '.flink/clusters.yaml', text: 'clusters:\n  - name: prod\n    restUrl: https://flink:8081\n    auth:\n      type: basic\n      username: me\n      password: hunter2\n', code: 'literal-secret', at: '7:7' },
  { name: 'credentials in the URL', file: '.flink/clusters.yaml', text: 'clusters:\n  - name: prod\n    restUrl: https://me:hunter2@flink:8081\n', code: 'literal-secret', at: '3:14' },
  { name: 'a token instead of a secret name', file: '.flink/clusters.yaml', text: 'clusters:\n  - name: prod\n    restUrl: https://flink:8081\n    auth: { type: token, secret: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U }\n', code: 'literal-secret', at: '4:34' },
  { name: 'binary garbage as projects.yaml', file: '.flink/projects.yaml', text: binary, code: 'binary', at: '' },
  { name: 'projects.yaml as a list of strings', file: '.flink/projects.yaml', text: 'projects:\n  - https://git.example.com/a.git\n', code: 'wrong-type', at: '2:5' },
  { name: 'tab indentation in projects.yaml', file: '.flink/projects.yaml', text: 'projects:\n\torders: https://git.example.com/a.git\n', code: 'yaml-syntax', at: '2:1' },
  { name: 'a literal token in projects.yaml', file: '.flink/projects.yaml', text: 'projects:\n  orders:\n    url: https://git.example.com/a.git\n    credentials: { token: { secret: ghp_AbCdEf0123456789AbCdEf0123456789ab } }\n', code: 'literal-secret', at: '4:37' },
];

describe('malformed job files', () => {
  it.each(corpus)('$name → positioned `$code` diagnostic, and the service keeps serving', ({ text, code, at, file }) => {
    const document = jobDocument(text, file ?? 'broken.flink.yaml');
    const diagnostics = features.diagnostics(document);
    const match = diagnostics.find((d) => d.code === code);
    expect(match, `codes: ${diagnostics.map((d) => d.code).join(', ')}`).toBeDefined();
    if (at) expect(`${match!.range.start.line + 1}:${match!.range.start.character + 1}`).toBe(at);
    expect(String(match!.message).length).toBeGreaterThan(10);
    // Every other request on the broken document answers without throwing…
    const end = document.positionAt(Math.min(text.length, 200));
    expect(() => features.completion!(document, end)).not.toThrow();
    expect(() => features.hover!(document, { line: 0, character: 1 })).not.toThrow();
    expect(() => features.documentLinks!(document)).not.toThrow();
    // …and the next valid document is served normally.
    expect(features.diagnostics(jobDocument(VALID))).toEqual([]);
  });

  it('the core loaders return the same positioned problems instead of throwing', () => {
    const job = parseJobFileText('name: x\ntype: sql\nflinkVersion: "2.3"\ncluster: local\nsql: x.sql\nparallelism: -1\n', `${jobsDir}/x.flink.yaml`);
    expect(job.ok).toBe(false);
    if (!job.ok) {
      expect(job.error.problems.map((p) => [p.code, p.line, p.column])).toEqual([
        ['missing-file', 5, 6],
        ['out-of-range', 6, 14],
      ]);
      expect(job.error.message).toContain('x.flink.yaml:5:6');
    }
    const clusters = parseClusterDefinitionsText('clusters:\n  - name: a\n    restUrl: http://h:1\n    auth: { type: token, token: x }\n');
    expect(clusters.ok).toBe(false);
    if (!clusters.ok) expect(clusters.error.problems.map((p) => p.code)).toContain('literal-secret');
  });
});
