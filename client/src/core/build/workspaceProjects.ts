// The projects a workspace defines (`.flink/projects.yaml`, section `projects`) and how a job
// file's `project` artifact names one: by name (`project: orders`), or inline as a mapping
// (`project: { url: …, ref: … }`), optionally overriding a named one (`project: { use: orders, ref: v2 }`).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { FlinkPilotError } from '../errors';
import { err, ok, type Result } from '../result';
import { parseProjectDefinition, parseProjectsSection, type ProjectDefinition } from './projectDefinition';

export const PROJECTS_FILE = join('.flink', 'projects.yaml');

export async function loadWorkspaceProjects(workspaceRoot: string): Promise<Result<Map<string, ProjectDefinition>, FlinkPilotError>> {
  const file = join(workspaceRoot, PROJECTS_FILE);
  if (!existsSync(file)) return ok(new Map());
  const text = await readFile(file, 'utf8');
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const position = first.linePos?.[0];
    return err(new FlinkPilotError(`${PROJECTS_FILE}${position ? `:${position.line}:${position.col}` : ''}: ${first.message.split('\n')[0]}`, { code: 'invalid-project', hint: 'Fix the YAML syntax.' }));
  }
  const root: unknown = document.toJS();
  if (root === null || root === undefined) return ok(new Map());
  if (typeof root !== 'object' || Array.isArray(root)) return err(new FlinkPilotError(`${PROJECTS_FILE}: expected a mapping with a \`projects\` section.`, { code: 'invalid-project' }));
  return parseProjectsSection((root as Record<string, unknown>).projects, `${PROJECTS_FILE}: projects`);
}

/** The project a job file's `project` value names. `jobName` names an inline project. */
export async function resolveProjectReference(reference: unknown, options: { workspaceRoot: string; jobName: string; where?: string }): Promise<Result<ProjectDefinition, FlinkPilotError>> {
  const where = options.where ?? 'project';
  const projects = await loadWorkspaceProjects(options.workspaceRoot);
  if (!projects.ok) return projects;
  const byName = (name: string): Result<ProjectDefinition, FlinkPilotError> => {
    const found = projects.value.get(name);
    if (found) return ok(found);
    const known = [...projects.value.keys()];
    return err(new FlinkPilotError(`${where}: there is no project "${name}" in ${PROJECTS_FILE}.`, {
      code: 'unknown-project',
      hint: known.length ? `Known projects: ${known.join(', ')}.` : `Define it under \`projects:\` in ${PROJECTS_FILE}, or write the project inline (url, ref, …).`,
    }));
  };
  if (typeof reference === 'string' && !/[:/]/.test(reference)) return byName(reference.trim());
  if (typeof reference === 'object' && reference !== null && !Array.isArray(reference) && typeof (reference as Record<string, unknown>).use === 'string') {
    const { use, ...overrides } = reference as Record<string, unknown>;
    const base = byName(use as string);
    if (!base.ok) return base;
    // Re-check the merged definition: an override is validated like any definition.
    const merged = { ...definitionToRaw(base.value), ...overrides };
    if ('ref' in overrides || 'branch' in overrides || 'tag' in overrides || 'commit' in overrides) {
      for (const key of ['ref', 'branch', 'tag', 'commit']) if (!(key in overrides)) delete merged[key];
    }
    return parseProjectDefinition(base.value.name, merged, where);
  }
  return parseProjectDefinition(options.jobName, reference, where);
}

function definitionToRaw(project: ProjectDefinition): Record<string, unknown> {
  const raw: Record<string, unknown> = { url: project.url, buildTool: project.buildTool, buildArgs: project.buildArgs, timeoutMinutes: project.timeoutMs / 60_000 };
  if (project.ref) raw.ref = project.ref;
  if (project.directory) raw.directory = project.directory;
  if (project.pom) raw.pom = project.pom;
  if (project.mavenSettings) raw.mavenSettings = project.mavenSettings;
  if (project.artifact) raw.artifact = project.artifact;
  if (project.mainClass) raw.mainClass = project.mainClass;
  if (project.credentials) {
    const c = project.credentials;
    raw.credentials = c.kind === 'ssh' ? { sshKey: c.keyPath }
      : c.kind === 'basic' ? { username: c.username, password: c.password }
      : { token: c.token, scheme: c.scheme, ...(c.username ? { username: c.username } : {}) };
  }
  return raw;
}
