// Submits a jar job through the JobManager REST API: /jars/upload, then /jars/:id/run with the
// entry class, program arguments (variables substituted), parallelism, restore fields and the
// job's Flink configuration. The uploaded jar is deleted afterwards (also when `run` fails) unless
// the job file asks to keep it, so JobManagers do not fill up with old uploads.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { FlinkPilotError } from '../errors';
import type { FlinkRestClient } from '../flink/flinkRestClient';
import type { ClaimMode } from '../flink/flinkRestTypes';
import { err, ok, type Result } from '../result';
import type { ClaimModeSetting } from './deploymentTypes';
import { substituteInValue } from './sqlVariables';

export interface JarSubmitRequest {
  jarPath: string;
  jobName: string;
  entryClass?: string;
  args: readonly string[];
  variables: Readonly<Record<string, string>>;
  parallelism?: number;
  config: Readonly<Record<string, string>>;
  restore?: { path: string; allowNonRestoredState: boolean; claimMode: ClaimModeSetting };
  keepUploadedJar?: boolean;
}

export interface JarSubmitOutcome {
  jobId: string;
  jarId: string;
  jarChecksum: string;
  programArgs: string[];
  flinkConfiguration: Record<string, string>;
  /** False when the jar was kept on the JobManager (keepUploadedJar). */
  jarDeleted: boolean;
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Substitutes `${var}` in every argument; an undefined variable names the argument. */
export function programArguments(args: readonly string[], variables: Readonly<Record<string, string>>): Result<string[], FlinkPilotError> {
  const out: string[] = [];
  for (const [index, arg] of args.entries()) {
    const { value, undefinedNames } = substituteInValue(arg, variables);
    if (undefinedNames.length > 0) {
      return err(
        new FlinkPilotError(`undefined variable \${${undefinedNames[0]}} in args[${index}] ("${arg}")`, {
          code: 'undefined-variable',
          hint: `Define ${undefinedNames.join(', ')} under "variables:" in the job file.`,
        }),
      );
    }
    out.push(value);
  }
  return ok(out);
}

export async function submitJar(
  rest: FlinkRestClient,
  request: JarSubmitRequest,
  options: { signal?: AbortSignal; onProgress?: (step: string) => void } = {},
): Promise<Result<JarSubmitOutcome, FlinkPilotError>> {
  const progress = options.onProgress ?? (() => undefined);
  const args = programArguments(request.args, request.variables);
  if (!args.ok) return args;
  let jarChecksum: string;
  try {
    jarChecksum = await sha256OfFile(request.jarPath);
  } catch (cause) {
    return err(new FlinkPilotError(`Cannot read the job's jar ${request.jarPath}: ${(cause as Error).message}`, { cause, code: 'jar-missing', hint: 'Build the project first, or fix the jar path in the job file.' }));
  }
  progress(`Uploading ${request.jarPath}`);
  const uploaded = await rest.uploadJar(request.jarPath, { signal: options.signal });
  if (!uploaded.ok) return uploaded;
  const jarId = uploaded.value;
  const flinkConfiguration: Record<string, string> = { 'pipeline.name': request.jobName, ...request.config };
  progress(`Running ${request.entryClass ?? 'the jar’s main class'}`);
  const run = await rest.runJar(
    jarId,
    {
      entryClass: request.entryClass,
      programArgs: args.value,
      parallelism: request.parallelism,
      savepointPath: request.restore?.path,
      allowNonRestoredState: request.restore?.allowNonRestoredState,
      claimMode: request.restore ? (request.restore.claimMode.toUpperCase() as ClaimMode) : undefined,
      flinkConfiguration,
    },
    { signal: options.signal },
  );
  // Deleted also when `run` failed: the job graph, if any, no longer needs the upload.
  const jarDeleted = request.keepUploadedJar ? false : (await rest.deleteJar(jarId)).ok;
  if (!run.ok) return run;
  return ok({ jobId: run.value.jobid, jarId, jarChecksum, programArgs: args.value, flinkConfiguration, jarDeleted });
}
