// Reads what `bin/flink run` printed: the job id, the YARN application or Kubernetes cluster that a
// submission created, the Web UI address, and, on failure, the root cause of Flink's exception.

export interface FlinkCliSubmission {
  /** 32 hex digits, when the CLI printed it (`run`; not printed by application mode). */
  jobId?: string;
  yarnApplicationId?: string;
  kubernetesClusterId?: string;
  webInterfaceUrl?: string;
}

export function parseSubmissionOutput(output: string): FlinkCliSubmission {
  const result: FlinkCliSubmission = {};
  const jobId = /Job has been submitted with JobID ([0-9a-f]{32})/.exec(output) ?? /\bJobID[:\s]+([0-9a-f]{32})\b/i.exec(output);
  if (jobId) result.jobId = jobId[1];
  const yarn = /Submitted application (application_\d+_\d+)/.exec(output) ?? /\b(application_\d+_\d+)\b/.exec(output);
  if (yarn) result.yarnApplicationId = yarn[1];
  const k8s = /Create flink (?:application|session) cluster (\S+) successfully/.exec(output);
  if (k8s) result.kubernetesClusterId = k8s[1];
  const web = /(?:JobManager Web Interface|Found Web Interface)[:\s]+(https?:\/\/\S+)/.exec(output);
  if (web) result.webInterfaceUrl = web[1].replace(/[.,]$/, '');
  return result;
}

/**
 * The most specific error line: the last `Caused by:` of the printed stack, else the line after
 * "The program finished with the following exception:", else the last non-empty line.
 */
export function rootCauseOfCliFailure(output: string): string | undefined {
  // The CLI ends argument errors with a generic pointer to --help, which says nothing about the cause.
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('Use the help option'));
  const causes = lines.filter((line) => line.startsWith('Caused by:'));
  if (causes.length) return causes[causes.length - 1].slice('Caused by:'.length).trim();
  const marker = lines.findIndex((line) => line.startsWith('The program finished with the following exception'));
  if (marker >= 0 && lines[marker + 1]) return lines[marker + 1];
  const errorLine = [...lines].reverse().find((line) => /^(ERROR|Error|org\.apache\.flink\.|java\.)/.test(line));
  return errorLine ?? lines[lines.length - 1];
}
