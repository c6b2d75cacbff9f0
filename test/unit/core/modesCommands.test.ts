import { describe, expect, it } from 'vitest';
import type { FlinkRunSpec } from '../../../client/src/core/modes/deploymentTargets';
import { parseSubmissionOutput, rootCauseOfCliFailure } from '../../../client/src/core/modes/flinkCliOutput';
import { describeFlinkCommand } from '../../../client/src/core/modes/flinkCliRunner';
import { buildFlinkRunCommand } from '../../../client/src/core/modes/flinkRunCommand';

const HOME = '/opt/flink';
const base = {
  jar: '/work/jobs/orders.jar',
  entryClass: 'com.example.OrdersJob',
  args: ['--topic', 'orders; rm -rf /', '-p', '9'],
  jobName: 'orders',
  parallelism: 3,
  config: { 'execution.checkpointing.interval': '30 s', 'state.backend.type': 'rocksdb' },
  resources: { jobManagerMemory: '1600m', taskManagerMemory: '4g', taskSlots: 2 },
} satisfies Partial<FlinkRunSpec>;
const restore = { path: 'hdfs:///flink/savepoints/savepoint-ab12cd-0123456789ab', allowNonRestoredState: true, claimMode: 'claim' as const };
const k8s = {
  clusterId: 'orders-cluster', namespace: 'streaming', serviceAccount: 'flink', image: 'registry.example.internal/orders:1.4',
  podTemplate: '/templates/pod.yaml', jobManagerPodTemplate: '/templates/jm.yaml', taskManagerPodTemplate: '/templates/tm.yaml',
  restServiceExposedType: 'NodePort' as const,
};

function args(spec: FlinkRunSpec): string[] {
  return buildFlinkRunCommand(spec, HOME).args;
}

describe('bin/flink command construction', () => {
  it.each(['1.20', '2.3'])('remote (Flink %s): run -t remote with the REST address as -D, detached, flags, jar and args last', (flinkVersion) => {
    const command = buildFlinkRunCommand({ ...base, flinkVersion, mode: 'remote', remote: { host: '127.0.0.1', port: 8081 }, restore }, HOME);
    expect(command.executable).toBe('/opt/flink/bin/flink');
    expect(command.env).toEqual({ FLINK_HOME: HOME });
    expect(command.action).toBe('run');
    expect(command.args).toEqual([
      'run', '-t', 'remote',
      '-Dexecution.checkpointing.interval=30 s', '-Dstate.backend.type=rocksdb',
      '-Dpipeline.name=orders', '-Drest.address=127.0.0.1', '-Drest.port=8081',
      '-d', '-p', '3',
      '-s', 'hdfs:///flink/savepoints/savepoint-ab12cd-0123456789ab', '-n', '-cm', 'claim',
      '-c', 'com.example.OrdersJob',
      '/work/jobs/orders.jar', '--topic', 'orders; rm -rf /', '-p', '9',
    ]);
  });

  it('attached mode and no restore', () => {
    const list = args({ ...base, flinkVersion: '2.3', mode: 'remote', remote: { host: 'jm', port: 8081 }, detached: false, parallelism: undefined, entryClass: undefined, args: [] });
    expect(list).not.toContain('-d');
    expect(list).not.toContain('-s');
    expect(list).not.toContain('-p');
    expect(list.at(-1)).toBe('/work/jobs/orders.jar');
  });

  it.each(['1.20', '2.3'])('yarn-session (Flink %s): the session application id, no per-cluster resources', (flinkVersion) => {
    const list = args({ ...base, flinkVersion, mode: 'yarn-session', yarn: { applicationId: 'application_1700000000000_0042', queue: 'streaming' } });
    expect(list.slice(0, 3)).toEqual(['run', '-t', 'yarn-session']);
    expect(list).toContain('-Dyarn.application.id=application_1700000000000_0042');
    expect(list).toContain('-Dyarn.application.queue=streaming');
    expect(list.some((a) => a.startsWith('-Dtaskmanager.memory'))).toBe(false);
    expect(list.some((a) => a.startsWith('-Dyarn.application.name'))).toBe(false);
    expect(list).toContain('-d');
  });

  it('yarn-per-job (Flink 1.20): its own cluster with resources, queue and application name', () => {
    const list = args({ ...base, flinkVersion: '1.20', mode: 'yarn-per-job', yarn: { queue: 'streaming', applicationName: 'orders-prod' }, restore });
    expect(list.slice(0, 3)).toEqual(['run', '-t', 'yarn-per-job']);
    expect(list).toEqual(expect.arrayContaining([
      '-Dyarn.application.queue=streaming', '-Dyarn.application.name=orders-prod',
      '-Djobmanager.memory.process.size=1600m', '-Dtaskmanager.memory.process.size=4g', '-Dtaskmanager.numberOfTaskSlots=2',
      '-s', restore.path, '-n', '-cm', 'claim',
    ]));
    expect(list).not.toContain('-Dyarn.application.id=application_1700000000000_0042');
  });

  it('yarn-per-job is refused on Flink 2.x with the replacement', () => {
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'yarn-per-job' })).toThrow(/removed in Flink 2.0/);
  });

  it('yarn-application: run-application on 1.20, run on 2.x; state and parallelism through configuration', () => {
    const v1 = buildFlinkRunCommand({ ...base, flinkVersion: '1.20.3', mode: 'yarn-application', yarn: { queue: 'q' }, restore }, HOME);
    const v2 = buildFlinkRunCommand({ ...base, flinkVersion: '2.3.0', mode: 'yarn-application', yarn: { queue: 'q' }, restore }, HOME);
    expect(v1.args.slice(0, 3)).toEqual(['run-application', '-t', 'yarn-application']);
    expect(v1.action).toBe('run-application');
    expect(v2.args.slice(0, 3)).toEqual(['run', '-t', 'yarn-application']);
    for (const list of [v1.args, v2.args]) {
      expect(list).toEqual(expect.arrayContaining([
        '-Dyarn.application.name=orders', '-Dparallelism.default=3',
        `-Dexecution.state-recovery.path=${restore.path}`, '-Dexecution.state-recovery.ignore-unclaimed-state=true',
        '-Dexecution.state-recovery.claim-mode=CLAIM', '-Djobmanager.memory.process.size=1600m',
      ]));
      const options = list.slice(0, list.indexOf('/work/jobs/orders.jar'));
      for (const flag of ['-s', '-n', '-cm', '-p', '-d']) expect(options).not.toContain(flag);
      expect(list.slice(options.length - 2)).toEqual(['-c', 'com.example.OrdersJob', '/work/jobs/orders.jar', '--topic', 'orders; rm -rf /', '-p', '9']);
    }
  });

  it.each(['1.20', '2.3'])('kubernetes-session (Flink %s): cluster id and namespace only', (flinkVersion) => {
    const list = args({ ...base, flinkVersion, mode: 'kubernetes-session', kubernetes: k8s });
    expect(list.slice(0, 3)).toEqual(['run', '-t', 'kubernetes-session']);
    expect(list).toEqual(expect.arrayContaining(['-Dkubernetes.cluster-id=orders-cluster', '-Dkubernetes.namespace=streaming', '-d', '-p', '3']));
    expect(list.some((a) => a.startsWith('-Dkubernetes.container.image'))).toBe(false);
  });

  it('kubernetes-application: run-application on 1.20, run on 2.x, with image, service account, pod templates and rest service type', () => {
    const spec: FlinkRunSpec = { ...base, mode: 'kubernetes-application', flinkVersion: '1.20', jar: 'local:///opt/flink/usrlib/orders.jar', kubernetes: k8s, restore };
    const v1 = args(spec);
    const v2 = args({ ...spec, flinkVersion: '2.3' });
    expect(v1.slice(0, 3)).toEqual(['run-application', '-t', 'kubernetes-application']);
    expect(v2.slice(0, 3)).toEqual(['run', '-t', 'kubernetes-application']);
    for (const list of [v1, v2]) {
      expect(list).toEqual(expect.arrayContaining([
        '-Dkubernetes.cluster-id=orders-cluster', '-Dkubernetes.namespace=streaming', '-Dkubernetes.service-account=flink',
        '-Dkubernetes.container.image.ref=registry.example.internal/orders:1.4',
        '-Dkubernetes.pod-template-file.default=/templates/pod.yaml', '-Dkubernetes.pod-template-file.jobmanager=/templates/jm.yaml',
        '-Dkubernetes.pod-template-file.taskmanager=/templates/tm.yaml', '-Dkubernetes.rest-service.exposed.type=NodePort',
        `-Dexecution.state-recovery.path=${restore.path}`,
      ]));
      expect(list).toContain('local:///opt/flink/usrlib/orders.jar');
    }
  });

  it('refuses incomplete or wrong specs with a reason', () => {
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'remote' })).toThrow(/JobManager address/);
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'kubernetes-session' })).toThrow(/kubernetes.clusterId/);
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'kubernetes-application', kubernetes: k8s })).toThrow(/local:\/\/\/opt\/flink\/usrlib\/orders.jar/);
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'remote', remote: { host: 'h', port: 1 }, parallelism: 0 })).toThrow(/positive integer/);
    expect(() => args({ ...base, flinkVersion: '2.3', mode: 'remote', remote: { host: 'h', port: 1 }, restore: { path: '/sp', claimMode: 'legacy' } })).toThrow(/"legacy" was removed/);
    expect(args({ ...base, flinkVersion: '1.20', mode: 'remote', remote: { host: 'h', port: 1 }, restore: { path: '/sp', claimMode: 'legacy' } })).toContain('legacy');
  });

  it('masks secret-looking -D values when showing a command', () => {
    const command = buildFlinkRunCommand({ ...base, flinkVersion: '2.3', mode: 'remote', remote: { host: 'h', port: 1 }, config: { 'security.ssl.rest.keystore-password': 'hunter2', 'fs.s3a.access.key': 'AKIA123' } }, HOME);
    const shown = describeFlinkCommand(command);
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('AKIA123');
    expect(shown).toContain('-Dsecurity.ssl.rest.keystore-password=******');
    expect(command.args).toContain('-Dsecurity.ssl.rest.keystore-password=hunter2');
  });
});

describe('bin/flink output', () => {
  it('reads the job id of a run', () => {
    expect(parseSubmissionOutput('Job has been submitted with JobID 5e20cb6b0f357591171dfcca2eea09de\n')).toEqual({ jobId: '5e20cb6b0f357591171dfcca2eea09de' });
  });

  it('reads the YARN application and the Kubernetes cluster of application mode', () => {
    expect(parseSubmissionOutput('INFO  org.apache.hadoop.yarn.client.api.impl.YarnClientImpl - Submitted application application_1700000000000_0042\nFound Web Interface host:8088 of application')).toMatchObject({ yarnApplicationId: 'application_1700000000000_0042' });
    expect(parseSubmissionOutput('Create flink application cluster orders-cluster successfully, JobManager Web Interface: http://10.0.0.5:8081')).toEqual({ kubernetesClusterId: 'orders-cluster', webInterfaceUrl: 'http://10.0.0.5:8081' });
  });

  it('finds the root cause of a failure', () => {
    const output = [
      '------------------------------------------------------------',
      ' The program finished with the following exception:',
      '',
      'org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: boom',
      '\tat org.apache.flink.client.program.PackagedProgram.callMainMethod(PackagedProgram.java:373)',
      'Caused by: java.util.concurrent.ExecutionException: org.apache.flink.runtime.client.JobSubmissionException: Failed to submit JobGraph.',
      'Caused by: java.net.ConnectException: Connection refused: /127.0.0.1:1',
    ].join('\n');
    expect(rootCauseOfCliFailure(output)).toBe('java.net.ConnectException: Connection refused: /127.0.0.1:1');
    expect(rootCauseOfCliFailure(' The program finished with the following exception:\n\norg.apache.flink.client.cli.CliArgsException: Could not get job jar and dependencies from JAR file: JAR file does not exist: /nope.jar'))
      .toBe('org.apache.flink.client.cli.CliArgsException: Could not get job jar and dependencies from JAR file: JAR file does not exist: /nope.jar');
    expect(rootCauseOfCliFailure('Could not get job jar and dependencies from JAR file: JAR file does not exist: /tmp/missing.jar\n\nUse the help option (-h or --help) to get help on the command.\n'))
      .toBe('Could not get job jar and dependencies from JAR file: JAR file does not exist: /tmp/missing.jar');
  });
});
