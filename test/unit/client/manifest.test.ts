// The manifest (package.json contributes) against the code that relies on it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILD_PROBLEM_MATCHER, BUILD_TASK_TYPE } from '../../../client/src/core/build/buildTask';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    problemMatchers: { name: string; pattern: { regexp: string } }[];
    taskDefinitions: { type: string }[];
    keybindings: { command: string }[];
  };
};

const commandIds = new Set(manifest.contributes.commands.map((c) => c.command));

function commandsUsedIn(dir: string): string[] {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  const found: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = `${path}/${name}`;
      if (statSync(full).isDirectory()) {
        if (name !== 'core') walk(full);
      } else if (full.endsWith('.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/registerCommand\(env, '([\w.]+)'/g)) found.push(m[1]!);
      }
    }
  };
  walk(new URL('../../../client/src', import.meta.url).pathname);
  return found;
}

describe('extension manifest', () => {
  it('contributes every command the extension registers, and registers every contributed one', () => {
    const registered = commandsUsedIn('client/src');
    expect(registered.length).toBeGreaterThan(20);
    for (const id of registered) expect(commandIds, `${id} missing from contributes.commands`).toContain(id);
    for (const id of commandIds) expect(registered, `${id} contributed but never registered`).toContain(id);
  });

  it('menus and keybindings name only contributed commands', () => {
    const used = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((m) => m.command);
    for (const id of used) expect(commandIds).toContain(id);
  });

  it('menu when-clauses use valid regular expressions', () => {
    for (const item of Object.values(manifest.contributes.menus).flat()) {
      for (const [, pattern] of (item.when ?? '').matchAll(/=~ \/(.+?)\/(?=\s|$)/g)) expect(() => new RegExp(pattern!)).not.toThrow();
    }
  });

  it('the build problem matcher is the one the build prints for', () => {
    const matcher = manifest.contributes.problemMatchers.find((m) => m.name === BUILD_PROBLEM_MATCHER.name);
    expect(matcher?.pattern.regexp).toBe(BUILD_PROBLEM_MATCHER.pattern.regexp);
    expect(manifest.contributes.taskDefinitions.map((t) => t.type)).toContain(BUILD_TASK_TYPE);
  });

  it('activates on its languages and views, never on startup', () => {
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:flinksql', 'onLanguage:flink-job-yaml']));
    expect(manifest.activationEvents).not.toContain('*');
    expect(manifest.contributes.views.flinkPilot.map((v) => v.id)).toEqual(['flinkPilot.clusters', 'flinkPilot.jobs', 'flinkPilot.savepoints']);
  });
});
