// Applies operator manifests with `kubectl apply -f -` (YAML on stdin, argument array, no shell) when
// kubectl is on PATH; otherwise writes them to a file and says how to apply them by hand.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { FlinkPilotError } from '../errors';
import { type KubernetesManifest, manifestsToYaml } from './operatorManifests';

/** The first executable `name` on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface KubectlOptions {
  /** kubectl executable; default: found on PATH. */
  kubectl?: string;
  /** `--context`. */
  context?: string;
  /** `--namespace` for documents without one. */
  namespace?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ApplyOptions extends KubectlOptions {
  /** Where to write the manifests when kubectl is missing (and always, when `keepFile` is set). */
  manifestFile: string;
  /** `client` or `server` dry run: kubectl validates but changes nothing. */
  dryRun?: 'client' | 'server';
}

export type ApplyResult =
  | { applied: true; output: string; manifestFile?: string }
  | { applied: false; manifestFile: string; message: string };

function kubectlArgs(options: KubectlOptions, rest: string[]): string[] {
  const args: string[] = [];
  if (options.context) args.push('--context', options.context);
  if (options.namespace) args.push('--namespace', options.namespace);
  return [...args, ...rest];
}

function runKubectl(kubectl: string, args: string[], input: string | undefined, options: KubectlOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(kubectl, args, { timeout: options.timeoutMs ?? 60_000, env: { ...process.env, ...options.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const message = (stderr || error.message).trim().split('\n').slice(-5).join('\n');
        reject(new FlinkPilotError(`\`kubectl ${args.join(' ')}\` failed: ${message}`, {
          cause: error,
          code: 'kubectl-failed',
          hint: 'Check the kubectl context (`kubectl config current-context`), that the Flink Kubernetes Operator and its CRDs are installed, and your permissions in the namespace.',
        }));
      });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function applyManifests(documents: readonly KubernetesManifest[], options: ApplyOptions): Promise<ApplyResult> {
  const yaml = manifestsToYaml(documents);
  const kubectl = options.kubectl ?? findOnPath('kubectl', options.env ?? process.env);
  if (!kubectl) {
    await mkdir(dirname(options.manifestFile), { recursive: true });
    await writeFile(options.manifestFile, yaml);
    return {
      applied: false,
      manifestFile: options.manifestFile,
      message: `kubectl is not on PATH, so nothing was applied. The manifests are in ${options.manifestFile}; apply them with \`kubectl apply -f ${options.manifestFile}\`.`,
    };
  }
  const args = kubectlArgs(options, ['apply', '-f', '-', ...(options.dryRun ? [`--dry-run=${options.dryRun}`] : [])]);
  const output = await runKubectl(kubectl, args, yaml, options);
  return { applied: true, output };
}

/** The `savepointRedeployNonce` of a deployed resource, or undefined when it is not deployed or has none. */
export async function readDeployedRedeployNonce(kind: 'FlinkDeployment' | 'FlinkSessionJob', name: string, options: KubectlOptions = {}): Promise<number | undefined> {
  const kubectl = options.kubectl ?? findOnPath('kubectl', options.env ?? process.env);
  if (!kubectl) return undefined;
  const output = await runKubectl(kubectl, kubectlArgs(options, ['get', kind.toLowerCase(), name, '--ignore-not-found', '-o', 'json']), undefined, options);
  if (!output.trim()) return undefined;
  const nonce = (JSON.parse(output) as { spec?: { job?: { savepointRedeployNonce?: unknown } } }).spec?.job?.savepointRedeployNonce;
  return typeof nonce === 'number' ? nonce : undefined;
}
