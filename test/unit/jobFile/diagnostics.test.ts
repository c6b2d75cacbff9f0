// Each kind of mistake gets a precise diagnostic at the exact node, with a message that says what
// to write instead.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { jobDocument } from './support';

const features = createJobFileLanguageFeatures();

/** Diagnostics of a job text, each as `code @line:col-line:col "covered text"`. */
function check(text: string): Array<{ code: string; at: string; covered: string; message: string; severity: number }> {
  const document = jobDocument(text);
  return features.diagnostics(document).map((d: Diagnostic) => ({
    code: String(d.code),
    at: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
    covered: document.getText(d.range),
    message: String(d.message),
    severity: d.severity ?? 0,
  }));
}

const HEAD = 'name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: local\nsql: sql/orders.flink.sql\n';

describe('job file diagnostics', () => {
  it('reports an unknown key with did-you-mean at the key', () => {
    const found = check(`${HEAD}paralelism: 2\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'unknown-key', at: '6:1', covered: 'paralelism' })]);
    expect(found[0]!.message).toContain('Did you mean `parallelism`?');
  });

  it('reports a wrong type at the value', () => {
    const found = check(`${HEAD}parallelism: four\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'wrong-type', at: '6:14', covered: 'four' })]);
    expect(found[0]!.message).toBe('`parallelism` must be an integer, not the text "four".');
  });

  it('reports a bad Duration and a bad MemorySize of Flink options', () => {
    const found = check(`${HEAD}config:\n  execution.checkpointing.interval: 30 sec0nds\n  taskmanager.memory.process.size: 4 gigs\n`);
    expect(found.map((f) => [f.code, f.at, f.covered])).toEqual([
      ['bad-duration', '7:37', '30 sec0nds'],
      ['bad-memory-size', '8:36', '4 gigs'],
    ]);
    expect(found[0]!.message).toContain('`30 s`');
  });

  it('accepts every Duration and MemorySize form Flink accepts', () => {
    const found = check(
      `${HEAD}config:\n  execution.checkpointing.interval: PT1M\n  execution.checkpointing.timeout: 10min\n  execution.checkpointing.min-pause: 500\n` +
        `  table.exec.state.ttl: 1 d\n  taskmanager.memory.process.size: 1024kb\n  jobmanager.memory.process.size: 1600 MB\n  taskmanager.memory.managed.size: 536870912\n`,
    );
    expect(found).toEqual([]);
  });

  it('reports an invalid enum value with the allowed values; enums are case-insensitive like Flink', () => {
    const found = check(`${HEAD}config:\n  execution.checkpointing.mode: EXACTLY_ONE\n  execution.runtime-mode: streaming\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'invalid-enum', at: '7:33', covered: 'EXACTLY_ONE' })]);
    expect(found[0]!.message).toContain('Did you mean `EXACTLY_ONCE`?');
    expect(found[0]!.message).toContain('AT_LEAST_ONCE');
  });

  it('reports fields the type requires at the `type` key', () => {
    const found = check('name: demo\ntype: jar\nflinkVersion: "2.3"\ncluster: local\n');
    expect(found).toEqual([expect.objectContaining({ code: 'missing-key', at: '2:1', covered: 'type' })]);
    expect(found[0]!.message).toBe('Missing `jar` in the job file when `type` is `jar`.');
  });

  it('reports fields the mode requires', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: "2.3"\nmode: kubernetes-application\nsql: sql/orders.flink.sql\nkubernetes:\n  clusterId: demo\n');
    expect(found).toEqual([expect.objectContaining({ code: 'missing-key', at: '6:1', covered: 'kubernetes' })]);
    expect(found[0]!.message).toContain('Missing `image`');
    const session = check('name: demo\ntype: sql\nflinkVersion: "2.3"\nmode: yarn-session\nsql: sql/orders.flink.sql\n');
    expect(session.map((f) => [f.code, f.at])).toEqual([
      ['missing-key', '4:1'],
      ['missing-key', '4:1'],
    ]);
    expect(session.map((f) => f.message).join('\n')).toMatch(/Missing `cluster`[\s\S]*Missing `yarn`|Missing `yarn`[\s\S]*Missing `cluster`/);
  });

  it('reports a job without name, type and version at the first key', () => {
    const found = check('cluster: local\n');
    expect(found.map((f) => f.code)).toEqual(['missing-key', 'missing-key', 'missing-key']);
    expect(found.every((f) => f.at === '1:1')).toBe(true);
  });

  it('reports a referenced SQL file, jar and pod template that do not exist', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: local\nsql: sql/missing.flink.sql\ndependencies:\n  jars: [lib/udf.jar]\n');
    expect(found.map((f) => [f.code, f.at, f.covered])).toEqual([
      ['missing-file', '5:6', 'sql/missing.flink.sql'],
      ['missing-file', '7:10', 'lib/udf.jar'],
    ]);
  });

  it('reports an unknown cluster with the known ones', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: prod-standalon\nsql: sql/orders.flink.sql\n');
    expect(found).toEqual([expect.objectContaining({ code: 'unknown-cluster', at: '4:10', covered: 'prod-standalon' })]);
    expect(found[0]!.message).toContain('Did you mean `prod-standalone`?');
  });

  it('knows the local Flink of each line without a definition, and nothing else', () => {
    for (const name of ['local', 'local-1.20', 'local-2.3']) {
      expect(check(`name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: ${name}\nsql: sql/orders.flink.sql\n`)).toEqual([]);
    }
    for (const name of ['local-1.17', 'local-', 'locale']) {
      expect(check(`name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: ${name}\nsql: sql/orders.flink.sql\n`).map((f) => f.code)).toEqual(['unknown-cluster']);
    }
  });

  it('reports a local Git project that does not exist', () => {
    const found = check('name: j\ntype: jar\nflinkVersion: "2.3"\ncluster: local\njar:\n  project:\n    url: ../no-such-project\n');
    expect(found).toEqual([expect.objectContaining({ code: 'missing-file', covered: '../no-such-project' })]);
  });

  it('reports an option the chosen version removed, with its replacement', () => {
    const found = check(`${HEAD}config:\n  state.backend: rocksdb\n  state.checkpoints.dir: s3://b/c\n`);
    expect(found.map((f) => [f.code, f.at, f.covered])).toEqual([
      ['removed-option', '7:3', 'state.backend'],
      ['removed-option', '8:3', 'state.checkpoints.dir'],
    ]);
    expect(found[0]!.message).toBe('`state.backend` was removed in Flink 2.0; Flink 2.3 ignores it. Use `state.backend.type` instead.');
    expect(found[1]!.message).toContain('`execution.checkpointing.dir`');
  });

  it('only warns about deprecated options in 1.20, which still accepts them', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: "1.20"\ncluster: local\nsql: sql/orders.flink.sql\nconfig:\n  state.backend: rocksdb\n');
    expect(found).toEqual([expect.objectContaining({ code: 'deprecated-option', severity: 2, covered: 'state.backend' })]);
  });

  it('checks options against the chosen version (2.3 removed the jobstore options)', () => {
    const text = (version: string) => `name: demo\ntype: sql\nflinkVersion: "${version}"\ncluster: local\nsql: sql/orders.flink.sql\nconfig:\n  jobstore.type: File\n`;
    expect(check(text('2.2'))).toEqual([]);
    const found = check(text('2.3'));
    expect(found).toEqual([expect.objectContaining({ code: 'removed-option', covered: 'jobstore.type' })]);
    expect(found[0]!.message).toContain('completed-application-store.type');
  });

  it('warns about an unknown Flink option with did-you-mean', () => {
    const found = check(`${HEAD}config:\n  execution.checkpointing.intervall: 1 min\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'unknown-option', severity: 2, at: '7:3' })]);
    expect(found[0]!.message).toContain('Did you mean `execution.checkpointing.interval`?');
  });

  it('reports a duplicate key at the second occurrence', () => {
    const found = check(`${HEAD}parallelism: 2\nparallelism: 3\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'duplicate-key', at: '7:1', covered: 'parallelism' })]);
  });

  it('warns when the version is an unquoted number and reads it from the source text', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: 1.20\ncluster: local\nsql: sql/orders.flink.sql\nconfig:\n  state.backend: rocksdb\n');
    // 1.20 (not 1.2): the deprecated-only warning proves the 1.20 schema was used.
    expect(found.map((f) => f.code)).toEqual(['unquoted-version', 'deprecated-option']);
  });

  it('reports an unsupported Flink version', () => {
    const found = check('name: demo\ntype: sql\nflinkVersion: "1.17"\ncluster: local\nsql: sql/orders.flink.sql\n');
    expect(found).toEqual([expect.objectContaining({ code: 'bad-value', covered: '"1.17"' })]);
    expect(found[0]!.message).toContain('1.20, 2.0, 2.1, 2.2, 2.3');
  });

  it('reports `legacy` claim mode on 2.x and undefined alert channels', () => {
    const found = check(
      `${HEAD}restore:\n  claimMode: legacy\nalerts:\n  channels:\n    - name: mail\n      type: email\n      to: [a@example.com]\n      smtp: { host: smtp.example.com, from: f@example.com }\n  triggers:\n    - on: failed\n      channels: [mial]\n`,
    );
    expect(found.map((f) => [f.code, f.covered])).toEqual([
      ['removed-value', 'legacy'],
      ['unknown-channel', 'mial'],
    ]);
  });

  it('requires count and within for restart alerts, and one webhook target', () => {
    const found = check(`${HEAD}alerts:\n  channels:\n    - name: hook\n      type: webhook\n      kind: slack\n  triggers:\n    - on: restarts\n`);
    expect(found.map((f) => [f.code, f.at])).toEqual([
      ['bad-value', '8:7'],
      ['missing-key', '12:7'],
      ['missing-key', '12:7'],
    ]);
    expect(found[0]!.message).toBe('entry 1 of `channels` needs one of `url`, `urlSecret`.');
    expect(found.slice(1).map((f) => f.message).sort()).toEqual(['Missing `count` in entry 1 of `triggers`.', 'Missing `within` in entry 1 of `triggers`.']);
  });

  it('reports a jar with two artifact sources', () => {
    const found = check('name: j\ntype: jar\nflinkVersion: "2.3"\ncluster: local\njar:\n  maven: a:b:1\n  path: x.jar\n');
    expect(found.map((f) => f.code)).toContain('bad-value');
    expect(found.find((f) => f.code === 'bad-value')!.message).toContain('only one of');
  });

  it('reports `jar` in a SQL job', () => {
    const found = check(`${HEAD}jar:\n  maven: a:b:1\n`);
    expect(found).toEqual([expect.objectContaining({ code: 'unexpected-key', covered: 'jar' })]);
  });
});

describe('quick fixes', () => {
  it('replace a misspelt key, a removed option and an unquoted version', () => {
    const document = jobDocument('name: demo\ntype: sql\nflinkVersion: 2.0\ncluster: local\nsql: sql/orders.flink.sql\nparalelism: 2\nconfig:\n  state.backend: rocksdb\n');
    const diagnostics = features.diagnostics(document);
    const actions = features.codeActions!(document, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, diagnostics);
    expect(actions.map((a) => a.title)).toEqual(['Change `2.0` to `"2.0"`', 'Change `paralelism` to `parallelism`', 'Change `state.backend` to `state.backend.type`']);
    const fixed = actions.reduce((text, action) => {
      const edit = action.edit!.changes![document.uri]![0]!;
      return text.replace(document.getText(edit.range), edit.newText);
    }, document.getText());
    expect(features.diagnostics(jobDocument(fixed))).toEqual([]);
  });
});
