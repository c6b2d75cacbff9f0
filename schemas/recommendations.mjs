// Recommended values for the Flink options that decide whether a streaming job survives production,
// each with the reason an experienced operator would give. Read by generate.mjs, which appends them
// to the option descriptions of every version that has the key (so hover and completion show them).
// `value` is what completion inserts; `reason` is shown after "Recommended:".

/** @type {Record<string, { value: string, reason: string }>} */
export const RECOMMENDATIONS = {
  // --- Checkpointing
  'execution.checkpointing.interval': {
    value: '1 min',
    reason:
      'Checkpointing is OFF while this is unset: a failure then restarts every source from scratch. 30 s – 3 min suits most jobs: ' +
      'shorter means less replay after a failure and lower latency for exactly-once sinks (Kafka transactions commit on checkpoint), ' +
      'longer means less I/O to the checkpoint storage. Go below 10 s only with small state.',
  },
  'execution.checkpointing.mode': {
    value: 'EXACTLY_ONCE',
    reason:
      'Keep EXACTLY_ONCE (the default) for correct state. AT_LEAST_ONCE skips barrier alignment and lowers latency under backpressure, ' +
      'but records can be counted twice after a recovery; use it only when the pipeline is idempotent.',
  },
  'execution.checkpointing.timeout': {
    value: '10 min',
    reason:
      'The default 10 min is a good start. Raise it (e.g. 20 – 30 min) for large RocksDB state or slow object stores instead of letting ' +
      'checkpoints expire repeatedly; a timeout far below the time a checkpoint really takes means no checkpoint ever completes.',
  },
  'execution.checkpointing.unaligned.enabled': {
    value: 'true',
    reason:
      'Enable when backpressure makes aligned checkpoints slow or time out: barriers overtake buffered data, so checkpoint duration no longer ' +
      'depends on throughput. Costs larger checkpoints (in-flight data is stored); needs EXACTLY_ONCE and max-concurrent-checkpoints = 1.',
  },
  'execution.checkpointing.aligned-checkpoint-timeout': {
    value: '30 s',
    reason:
      'With unaligned checkpoints on, start aligned and switch to unaligned only after this long: you get small checkpoints normally and ' +
      'unaligned ones only under backpressure.',
  },
  'execution.checkpointing.externalized-checkpoint-retention': {
    value: 'RETAIN_ON_CANCELLATION',
    reason:
      'Keep the last checkpoint when the job is cancelled, so you can always restart from it (Flink Pilot offers "latest retained checkpoint" ' +
      'as a restore source). With the default NO_EXTERNALIZED_CHECKPOINTS a cancel loses all state that is not in a savepoint.',
  },
  'execution.checkpointing.min-pause': {
    value: '30 s',
    reason:
      'Guarantees the job time to process records between checkpoints. Set it to roughly half the interval: when a checkpoint runs long, ' +
      'the next one does not start right after it and the job never spends all its time checkpointing.',
  },
  'execution.checkpointing.tolerable-failed-checkpoints': {
    value: '3',
    reason:
      'With the default 0, a single failed or expired checkpoint (a blip of the object store) fails and restarts the whole job. ' +
      'Tolerating 3 consecutive failures rides over transient storage problems while still surfacing a persistent one.',
  },
  'execution.checkpointing.num-retained': {
    value: '3',
    reason: 'Keep a few completed checkpoints so you can fall back past a checkpoint that turns out to be corrupt or to contain bad data.',
  },
  'execution.checkpointing.max-concurrent-checkpoints': {
    value: '1',
    reason: 'Keep 1: concurrent checkpoints multiply the I/O load and are incompatible with unaligned checkpoints and min-pause.',
  },
  'execution.checkpointing.dir': {
    value: 's3://<bucket>/flink/checkpoints',
    reason:
      'Must be a durable file system every JobManager and TaskManager can reach (S3, HDFS, GCS, ABFS, or a shared volume). ' +
      'A local path only works on a single machine; without a directory checkpoints live in JobManager memory and die with it.',
  },
  'execution.checkpointing.savepoint-dir': {
    value: 's3://<bucket>/flink/savepoints',
    reason: 'Default target of savepoints (stop with savepoint, manual savepoints); same durability requirements as the checkpoint directory.',
  },
  'execution.checkpointing.incremental': {
    value: 'true',
    reason:
      'With RocksDB (or ForSt) only the SST files that changed since the last checkpoint are uploaded: checkpoints of large state become ' +
      'seconds instead of minutes. Ignored by the hashmap backend.',
  },
  'state.backend.incremental': {
    value: 'true',
    reason: 'With RocksDB only changed SST files are uploaded per checkpoint. Deprecated name: prefer execution.checkpointing.incremental.',
  },
  // --- State backend
  'state.backend.type': {
    value: 'rocksdb',
    reason:
      'rocksdb for state that can outgrow the JVM heap (joins, large windows, long TTLs, many keys): state lives on local disk and supports ' +
      'incremental checkpoints. hashmap (default) is fastest for small state that surely fits in the TaskManager heap. ' +
      'forst (2.x) keeps state on remote storage for disaggregated setups.',
  },
  'state.backend.rocksdb.memory.managed': {
    value: 'true',
    reason: 'Keep RocksDB inside Flink managed memory so its native memory is bounded; turning it off is the classic cause of containers killed for exceeding memory.',
  },
  'taskmanager.memory.managed.fraction': {
    value: '0.4',
    reason:
      'With RocksDB, managed memory is RocksDB\'s block cache and write buffers: keep 0.4 (or raise to 0.5 – 0.6 for heavy state). With ' +
      'the hashmap backend and no batch operators, lower it to 0.1 and give the heap the memory instead.',
  },
  'state.backend.local-recovery': {
    value: 'true',
    reason: 'Restores from a local copy of the state after a TaskManager failure on the same host: much faster recovery of large state. Deprecated name in 1.20.',
  },
  'execution.state-recovery.from-local': {
    value: 'true',
    reason: 'Restores from a local copy of the state after a task failure on the same host: much faster recovery of large state, at the cost of local disk.',
  },
  'execution.state-recovery.claim-mode': {
    value: 'NO_CLAIM',
    reason:
      'NO_CLAIM (default) never deletes the snapshot you restored from, so you can restore from it again; the first checkpoint after the ' +
      'restore is a full one. CLAIM hands the snapshot to the new job (cheaper, but the old snapshot may be deleted later).',
  },
  // --- Restart strategy
  'restart-strategy.type': {
    value: 'exponential-delay',
    reason:
      'exponential-delay (the default when checkpointing is on) retries forever with growing back-off: a flapping dependency (Kafka, a database) ' +
      'does not kill the job, and a permanent error does not hammer it. Use fixed-delay or failure-rate only when you want the job to FAIL ' +
      'after a bounded number of attempts (e.g. so an outside scheduler or alert takes over).',
  },
  'restart-strategy.exponential-delay.initial-backoff': {
    value: '1 s',
    reason: 'Short enough that a one-off failure costs seconds.',
  },
  'restart-strategy.exponential-delay.max-backoff': {
    value: '2 min',
    reason: 'Caps the wait between attempts: after an outage the job comes back within minutes of the dependency recovering.',
  },
  'restart-strategy.exponential-delay.backoff-multiplier': {
    value: '2.0',
    reason: 'Doubling reaches the maximum back-off in a handful of attempts without retry storms.',
  },
  'restart-strategy.exponential-delay.jitter-factor': {
    value: '0.1',
    reason: 'A little jitter stops many jobs that failed together from restarting in lockstep against the same dependency.',
  },
  'restart-strategy.exponential-delay.reset-backoff-threshold': {
    value: '1 h',
    reason: 'After this long without failure the back-off starts small again.',
  },
  'restart-strategy.fixed-delay.attempts': {
    value: '10',
    reason: 'The default of 1 gives up after a single retry: a short network blip then fails the job. 10 attempts with a 10 s delay ride over a few minutes of outage.',
  },
  'restart-strategy.fixed-delay.delay': {
    value: '10 s',
    reason: 'Give the failing dependency time to recover; 1 s (default) burns through the attempts almost instantly.',
  },
  'restart-strategy.failure-rate.max-failures-per-interval': {
    value: '3',
    reason: 'Fail the job only when failures are frequent (e.g. more than 3 in 5 minutes), not on an isolated one.',
  },
  'restart-strategy.failure-rate.failure-rate-interval': {
    value: '5 min',
    reason: 'Window in which failures are counted; together with max-failures-per-interval it distinguishes a crash loop from occasional failures.',
  },
  'restart-strategy.failure-rate.delay': {
    value: '10 s',
    reason: 'Wait between attempts so a recovering dependency is not hammered.',
  },
  // --- Memory, parallelism, slots
  'jobmanager.memory.process.size': {
    value: '1600m',
    reason:
      'Total JobManager container memory. 1600m is enough for most jobs; raise to 2 – 4g for jobs with thousands of tasks, many ' +
      'checkpoints in history or large execution graphs. Set either this or jobmanager.memory.flink.size, not both.',
  },
  'taskmanager.memory.process.size': {
    value: '4g',
    reason:
      'Total TaskManager container memory (heap + managed + network + metaspace + overhead). 2 – 8g per TaskManager is typical; size it as ' +
      'roughly 1 – 2g per slot, more with RocksDB and large state. Set this (containers) or taskmanager.memory.flink.size (standalone), not both.',
  },
  'jobmanager.memory.flink.size': {
    value: '1280m',
    reason: 'Use on standalone clusters instead of process size; leave unset when jobmanager.memory.process.size is set.',
  },
  'taskmanager.memory.flink.size': {
    value: '3g',
    reason: 'Use on standalone clusters instead of process size; leave unset when taskmanager.memory.process.size is set.',
  },
  'taskmanager.memory.jvm-overhead.fraction': {
    value: '0.1',
    reason: 'Raise to 0.15 – 0.2 when containers are killed for exceeding memory although the heap looks fine (native memory: RocksDB, netty, threads).',
  },
  'taskmanager.numberOfTaskSlots': {
    value: '2',
    reason:
      'One slot per CPU core the TaskManager gets is the rule of thumb. Several slots share the TaskManager JVM (heap, network) and managed ' +
      'memory is split between them; 1 slot per TaskManager gives the best isolation, 2 – 4 better resource use.',
  },
  'parallelism.default': {
    value: '2',
    reason:
      'Size it to the peak throughput with headroom (measure records/s per subtask) and to the number of source partitions (Kafka partitions ' +
      '≥ parallelism, or subtasks sit idle). Keep it ≤ pipeline.max-parallelism, which you must never change for a job with state.',
  },
  'pipeline.max-parallelism': {
    value: '720',
    reason:
      'Number of key groups: the upper bound for scaling a stateful job later, and it cannot change without losing keyed state. Pick a highly ' +
      'divisible number (e.g. 720 or 1440) comfortably above the largest parallelism you expect; very large values add per-key-group overhead.',
  },
  // --- SQL jobs
  'table.exec.state.ttl': {
    value: '1 d',
    reason:
      'The default 0 ms keeps state of joins and GROUP BY aggregations forever, so state grows without bound for unbounded key spaces. ' +
      'Set it to how long a key can stay relevant (e.g. 1 d); results for keys idle longer than that restart from zero.',
  },
  'table.exec.mini-batch.enabled': {
    value: 'true',
    reason:
      'Buffers input and updates aggregate state once per batch instead of once per record: large throughput gains for GROUP BY on hot keys. ' +
      'Needs table.exec.mini-batch.allow-latency and table.exec.mini-batch.size.',
  },
  'table.exec.mini-batch.allow-latency': {
    value: '2 s',
    reason: 'Maximum extra latency mini-batching may add; 1 – 5 s gives most of the gain.',
  },
  'table.exec.mini-batch.size': {
    value: '5000',
    reason: 'Maximum records buffered per batch; bounds memory use of mini-batching.',
  },
  'table.exec.sink.upsert-materialize': {
    value: 'AUTO',
    reason: 'Keep AUTO: Flink adds the (stateful) materializer only when changelog order could be broken for the sink key.',
  },
  'pipeline.object-reuse': {
    value: 'true',
    reason: 'Avoids a copy per record between chained operators; safe for SQL jobs and for DataStream code that does not keep references to input records.',
  },
};
