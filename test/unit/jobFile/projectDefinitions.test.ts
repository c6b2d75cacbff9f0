// `.flink/projects.yaml` (Git build projects) has a JSON schema of its own and gets the same language
// features as `.flink/clusters.yaml`: diagnostics at the key, completion, hover; job files that use
// a project by name are checked against it, completed from it and linked to it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { parseProjectsSection } from '../../../client/src/core/build/projectDefinition';
import { parse } from 'yaml';
import { analyzeProjectDefinitionsText } from '../../../server/src/languageService/jobFile/jobFileAnalysis';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { caret, jobDocument } from './support';

const work = mkdtempSync(join(tmpdir(), 'fp-projects-ls-'));
mkdirSync(join(work, '.flink'));
const PROJECTS = `projects:
  orders:
    url: https://git.example.com/data/orders.git
    branch: main
    credentials: { token: { secret: git-token } }
    buildArgs: [-Pprod, -DskipTests]
  payments:
    url: git@git.example.com:data/payments.git
    tag: v2.4.1
    credentials: { sshKey: ~/.ssh/id_ed25519 }
    directory: job
`;
writeFileSync(join(work, '.flink', 'projects.yaml'), PROJECTS);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const features = createJobFileLanguageFeatures();

function check(text: string, name = '.flink/projects.yaml'): Array<{ code: string; covered: string; message: string }> {
  const document = jobDocument(text, name, work);
  return features.diagnostics(document).map((d: Diagnostic) => ({ code: String(d.code), covered: document.getText(d.range), message: String(d.message) }));
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
function complete(textWithCaret: string, name = '.flink/projects.yaml'): CompletionItem[] {
  const { text, offset } = caret(textWithCaret);
  const document = jobDocument(text, name, work);
  return features.completion!(document, document.positionAt(offset));
}

describe('.flink/projects.yaml', () => {
  it('is handled by the job-file service, and a valid file has no findings', () => {
    expect(features.handles!(`file://${work}/.flink/projects.yaml`)).toBe(true);
    expect(check(PROJECTS)).toEqual([]);
    // The list form with names, and a bare URL in the mapping form, are read by the build too.
    expect(check('projects:\n  - name: orders\n    url: https://git.example.com/orders.git\n')).toEqual([]);
    expect(check('projects:\n  orders: https://git.example.com/orders.git\n')).toEqual([]);
  });

  it('agrees with the build on what a valid file is', () => {
    for (const text of [PROJECTS, 'projects:\n  - name: orders\n    url: https://h/o.git\n', 'projects:\n  orders: https://h/o.git\n']) {
      expect(analyzeProjectDefinitionsText(text).problems).toEqual([]);
      expect(parseProjectsSection(parse(text).projects).ok).toBe(true);
    }
    for (const text of ['projects:\n  orders:\n    url: https://ci:s3cret@h/o.git\n', 'projects:\n  orders:\n    url: https://h/o.git\n    credentials: { token: ghp_literal }\n', 'projects:\n  orders:\n    url: https://h/o.git\n    ref: main\n    tag: v1\n', 'projects:\n  orders:\n    url: https://h/o.git\n    buildTool: ant\n']) {
      expect(analyzeProjectDefinitionsText(text).problems.filter((p) => p.severity === 'error')).not.toEqual([]);
      expect(parseProjectsSection(parse(text).projects).ok).toBe(false);
    }
  });

  it('refuses credentials in the URL and literal secrets, without repeating them', () => {
    const url = check('projects:\n  orders:\n    url: https://ci:s3cret@git.example.com/orders.git\n');
    expect(url).toEqual([expect.objectContaining({ code: 'literal-secret', covered: 'https://ci:s3cret@git.example.com/orders.git' })]);
    expect(url[0]!.message).toContain('must not contain credentials');
    expect(url[0]!.message).not.toContain('s3cret');
    const token = check('projects:\n  orders:\n    url: https://git.example.com/orders.git\n    credentials:\n      token: ghp_0123456789abcdef\n');
    expect(token).toEqual([expect.objectContaining({ code: 'literal-secret', covered: 'ghp_0123456789abcdef' })]);
    expect(token[0]!.message).toContain('{ secret: NAME }');
    expect(token[0]!.message).not.toContain('ghp_');
  });

  it('reports unknown keys with did-you-mean, conflicting refs, and credentials that do not fit the URL', () => {
    expect(check('projects:\n  orders:\n    url: https://h/o.git\n    buildArg: [-Pprod]\n')).toEqual([
      expect.objectContaining({ code: 'unknown-key', covered: 'buildArg', message: expect.stringContaining('Did you mean `buildArgs`?') }),
    ]);
    expect(check('projects:\n  orders:\n    url: https://h/o.git\n    branch: main\n    commit: 4f2a9c1\n')).toEqual([
      expect.objectContaining({ code: 'conflicting-keys', covered: 'commit' }),
    ]);
    expect(check('projects:\n  orders:\n    url: https://h/o.git\n    credentials: { sshKey: ~/.ssh/id }\n')).toEqual([
      expect.objectContaining({ code: 'credentials-mismatch', covered: 'sshKey' }),
    ]);
    expect(check('projects:\n  - name: a\n    url: https://h/a.git\n  - name: a\n    url: https://h/b.git\n')).toEqual([
      expect.objectContaining({ code: 'duplicate-project', covered: 'a' }),
    ]);
    expect(check('projects:\n  orders:\n    ref: main\n')).toEqual([expect.objectContaining({ code: 'missing-key', message: expect.stringContaining('Missing `url`') })]);
  });

  it('completes keys and values and explains them on hover', () => {
    const keys = labels(complete('projects:\n  orders:\n    url: https://h/o.git\n    |\n'));
    expect(keys).toEqual(expect.arrayContaining(['ref', 'branch', 'credentials', 'buildTool', 'buildArgs', 'mavenSettings', 'artifact', 'mainClass', 'timeoutMinutes']));
    expect(keys).not.toContain('url');
    expect(labels(complete('projects:\n  orders:\n    buildTool: |\n'))).toEqual(['auto', 'maven', 'maven-wrapper', 'gradle']);
    expect(labels(complete('projects:\n  orders:\n    credentials:\n      scheme: |\n'))).toEqual(['basic', 'bearer']);
    expect(labels(complete('projects:\n  - name: x\n    |\n'))).toContain('url');
    const { text, offset } = caret('projects:\n  orders:\n    url: https://h/o.git\n    build|Args: [-Pprod]\n');
    const document = jobDocument(text, '.flink/projects.yaml', work);
    expect((features.hover!(document, document.positionAt(offset))?.contents as MarkupContent).value).toContain('never through a shell');
  });
});

const JAR_JOB = (project: string) => `name: orders
type: jar
flinkVersion: "2.3"
cluster: local
jar:
  project: ${project}
`;

describe('job files using a project of .flink/projects.yaml', () => {
  it('accept `use` with overrides, and check the name', () => {
    expect(check(JAR_JOB('{ use: orders, ref: v2 }'), 'jobs/orders.flink.yaml')).toEqual([]);
    const unknown = check(JAR_JOB('{ use: ordres }'), 'jobs/orders.flink.yaml');
    expect(unknown).toEqual([expect.objectContaining({ code: 'unknown-project', covered: 'ordres' })]);
    expect(unknown[0]!.message).toBe('No project is named `ordres` in .flink/projects.yaml. Did you mean `orders`? Known projects: orders, payments.');
    expect(check(JAR_JOB('{ ref: v2 }'), 'jobs/orders.flink.yaml')).toEqual([expect.objectContaining({ code: 'bad-value', message: '`project` needs one of `url`, `use`.' })]);
  });

  it('complete project names and link `use` to its definition', () => {
    expect(labels(complete(JAR_JOB('\n    use: |'), 'jobs/orders.flink.yaml'))).toEqual(['orders', 'payments']);
    const document = jobDocument(JAR_JOB('{ use: payments }'), 'jobs/orders.flink.yaml', work);
    const link = features.documentLinks!(document).find((l) => l.tooltip === 'Open the project definition');
    expect(link?.target).toMatch(/\.flink\/projects\.yaml#L7$/);
  });

  it('see unsaved edits of an open projects.yaml', () => {
    const open = new Map<string, string>();
    const editing = createJobFileLanguageFeatures({ openDocumentText: (uri) => open.get(uri) });
    const projectsUri = `file://${join(work, '.flink', 'projects.yaml')}`;
    const job = jobDocument(JAR_JOB('{ use: billing }'), 'jobs/billing.flink.yaml', work);
    expect(editing.diagnostics(job).map((d) => d.code)).toEqual(['unknown-project']);
    open.set(projectsUri, `${PROJECTS}  billing:\n    url: https://h/billing.git\n`);
    editing.diagnostics(jobDocument(open.get(projectsUri)!, '.flink/projects.yaml', work));
    expect(editing.diagnostics(job)).toEqual([]);
  });
});

describe('a job file that uses a project, loaded for a build', () => {
  it('loads (the schema accepts `use`) and resolves to the projects.yaml definition with its overrides', async () => {
    const { loadJobFile } = await import('../../../client/src/core/jobs/jobFile');
    const { projectOfJobFile } = await import('../../../client/src/core/build/jobFileProject');
    mkdirSync(join(work, 'jobs'), { recursive: true });
    const path = join(work, 'jobs', 'payments.flink.yaml');
    writeFileSync(path, JAR_JOB('{ use: payments, ref: v2.5.0 }'));
    const loaded = loadJobFile(path);
    if (!loaded.ok) throw loaded.error;
    const project = await projectOfJobFile(loaded.value, work);
    if (!project.ok) throw project.error;
    expect(project.value).toMatchObject({ name: 'payments', url: 'git@git.example.com:data/payments.git', ref: 'v2.5.0', directory: 'job', credentials: { kind: 'ssh', keyPath: '~/.ssh/id_ed25519' } });
  });
});
