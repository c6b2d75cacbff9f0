// Table connectors and formats with their WITH (...) options, for completion, hover and validation.
// Keys may contain `#` (a column name, e.g. datagen's `fields.#.kind`) or end in `*` (a free-form
// family passed through to a client library, e.g. Kafka's `properties.*`).

export type OptionType = 'String' | 'Integer' | 'Long' | 'Boolean' | 'Duration' | 'MemorySize' | 'Enum' | 'Float' | 'Double' | 'List<String>' | 'Map';

export interface ConnectorOption {
  key: string;
  type: OptionType;
  default?: string;
  required?: boolean;
  description: string;
  /** Allowed values (Enum and a few free strings with well-known values). */
  values?: string[];
  /** Deprecated, with what to use instead. */
  deprecated?: string;
}

export interface ConnectorInfo {
  name: string;
  description: string;
  /** Source, sink, lookup, as documented. */
  roles: string;
  options: ConnectorOption[];
  /** Whether `format` / `key.format` / `value.format` pull in format options. */
  formats: 'none' | 'format' | 'keyValue';
  /** Readable metadata keys for `METADATA FROM '…'`. */
  metadata?: Array<{ key: string; type: string; description: string }>;
}

export interface FormatInfo {
  name: string;
  description: string;
  options: ConnectorOption[];
}

type Opt = [key: string, type: OptionType, def: string | undefined, description: string, extra?: Partial<ConnectorOption>];

function opts(rows: Opt[]): ConnectorOption[] {
  return rows.map(([key, type, def, description, extra]) => {
    const option: ConnectorOption = { key, type, description, ...extra };
    if (def !== undefined) option.default = def;
    return option;
  });
}

const REQUIRED = { required: true } as const;
const FORMAT_NAMES = ['json', 'csv', 'avro', 'avro-confluent', 'debezium-json', 'debezium-avro-confluent', 'canal-json', 'maxwell-json', 'ogg-json', 'raw', 'parquet', 'orc', 'protobuf'];

const SOURCE_WATERMARK: Opt[] = [
  ['scan.watermark.emit.strategy', 'Enum', 'on-periodic', 'When to emit watermarks when they are pushed into the source.', { values: ['on-event', 'on-periodic'] }],
  ['scan.watermark.idle-timeout', 'Duration', undefined, 'Mark a split idle after this long without records so it does not hold back the watermark.'],
  ['scan.watermark.alignment.group', 'String', undefined, 'Watermark alignment group shared by sources that should not drift apart.'],
  ['scan.watermark.alignment.max-drift', 'Duration', undefined, 'Maximum drift of the watermarks within the alignment group.'],
  ['scan.watermark.alignment.update-interval', 'Duration', '1 s', 'How often the aligned watermark is recalculated.'],
];

const LOOKUP_CACHE: Opt[] = [
  ['lookup.cache', 'Enum', 'NONE', 'Lookup join cache: NONE or PARTIAL (cache rows looked up).', { values: ['NONE', 'PARTIAL'] }],
  ['lookup.partial-cache.max-rows', 'Long', undefined, 'Maximum rows in the partial lookup cache.'],
  ['lookup.partial-cache.expire-after-write', 'Duration', undefined, 'Evict a cached row this long after it was written.'],
  ['lookup.partial-cache.expire-after-access', 'Duration', undefined, 'Evict a cached row this long after it was last read.'],
  ['lookup.partial-cache.cache-missing-key', 'Boolean', 'true', 'Also cache keys that matched no row.'],
  ['lookup.max-retries', 'Integer', '3', 'Retries of a failed lookup.'],
];

const KAFKA_COMMON: Opt[] = [
  ['properties.bootstrap.servers', 'String', undefined, 'Comma-separated Kafka brokers, e.g. `localhost:9092`.', REQUIRED],
  ['properties.*', 'String', undefined, 'Any Kafka client property, e.g. `properties.security.protocol`, `properties.sasl.mechanism`.'],
  ['sink.parallelism', 'Integer', undefined, 'Parallelism of the Kafka sink (default: the upstream parallelism).'],
  ['sink.delivery-guarantee', 'Enum', 'at-least-once', 'Delivery guarantee of the sink; exactly-once needs checkpointing and `sink.transactional-id-prefix`.', { values: ['at-least-once', 'exactly-once', 'none'] }],
  ['sink.transactional-id-prefix', 'String', undefined, 'Prefix of Kafka transactional ids; required for exactly-once and unique per job.'],
  ['key.format', 'String', undefined, 'Format of the Kafka message key.', { values: FORMAT_NAMES }],
  ['key.fields-prefix', 'String', undefined, 'Prefix of the key columns in the table schema, to avoid name clashes with value columns.'],
  ['value.format', 'String', undefined, 'Format of the Kafka message value.', { values: FORMAT_NAMES }],
  ['value.fields-include', 'Enum', 'ALL', 'Whether key columns also appear in the value.', { values: ['ALL', 'EXCEPT_KEY'] }],
];

const KAFKA_METADATA = [
  { key: 'topic', type: 'STRING NOT NULL', description: 'Topic of the record.' },
  { key: 'partition', type: 'INT NOT NULL', description: 'Partition of the record.' },
  { key: 'headers', type: 'MAP<STRING, BYTES> NOT NULL', description: 'Headers of the record (writable).' },
  { key: 'leader-epoch', type: 'INT NULL', description: 'Leader epoch, if available.' },
  { key: 'offset', type: 'BIGINT NOT NULL', description: 'Offset within the partition.' },
  { key: 'timestamp', type: 'TIMESTAMP_LTZ(3) NOT NULL', description: 'Record timestamp (writable).' },
  { key: 'timestamp-type', type: 'STRING NOT NULL', description: 'NoTimestampType, CreateTime or LogAppendTime.' },
];

export const CONNECTORS: readonly ConnectorInfo[] = [
  {
    name: 'kafka',
    description: 'Reads from and writes to Apache Kafka topics (append-only).',
    roles: 'source, sink',
    formats: 'keyValue',
    metadata: KAFKA_METADATA,
    options: opts([
      ['topic', 'String', undefined, "Topic name(s) to read from (semicolon-separated, e.g. 'a;b') or the topic to write to."],
      ['topic-pattern', 'String', undefined, 'Regular expression of topics to read from (instead of `topic`).'],
      ['properties.group.id', 'String', undefined, 'Consumer group id; needed for `group-offsets` startup and offset commits.'],
      ...KAFKA_COMMON,
      ['format', 'String', undefined, 'Format of the message value (or use `value.format`).', { values: FORMAT_NAMES }],
      ['key.fields', 'List<String>', undefined, "Columns that form the message key, separated by ';'."],
      ['scan.startup.mode', 'Enum', 'group-offsets', 'Where a new source starts reading.', { values: ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'] }],
      ['scan.startup.specific-offsets', 'String', undefined, "Offsets per partition for `specific-offsets`, e.g. 'partition:0,offset:42;partition:1,offset:300'."],
      ['scan.startup.timestamp-millis', 'Long', undefined, 'Epoch milliseconds to start from for `timestamp` mode.'],
      ['scan.bounded.mode', 'Enum', 'unbounded', 'Where a bounded source stops.', { values: ['unbounded', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'] }],
      ['scan.bounded.specific-offsets', 'String', undefined, 'Stop offsets per partition for `specific-offsets`.'],
      ['scan.bounded.timestamp-millis', 'Long', undefined, 'Epoch milliseconds to stop at for `timestamp` mode.'],
      ['scan.topic-partition-discovery.interval', 'Duration', '5 min', 'How often new partitions/topics are discovered; 0 disables it.'],
      ['scan.parallelism', 'Integer', undefined, 'Parallelism of the Kafka source.'],
      ['sink.partitioner', 'String', 'default', "How rows go to partitions: 'default' (by key, else sticky), 'fixed' (one partition per sink task), 'round-robin', or a FlinkKafkaPartitioner class.", { values: ['default', 'fixed', 'round-robin'] }],
      ['sink.semantic', 'Enum', 'at-least-once', 'Old name of sink.delivery-guarantee.', { values: ['at-least-once', 'exactly-once', 'none'], deprecated: 'sink.delivery-guarantee' }],
      ...SOURCE_WATERMARK,
    ]),
  },
  {
    name: 'upsert-kafka',
    description: 'Kafka as a changelog keyed by the PRIMARY KEY: reads upserts/deletes (tombstones), writes UPDATE_AFTER/DELETE.',
    roles: 'source, sink',
    formats: 'keyValue',
    metadata: KAFKA_METADATA,
    options: opts([
      ['topic', 'String', undefined, 'Topic to read from and write to.', REQUIRED],
      ...KAFKA_COMMON.map((o): Opt => (o[0] === 'key.format' || o[0] === 'value.format' ? [o[0], o[1], o[2], o[3], { ...o[4], required: true }] : o)),
      ['sink.buffer-flush.max-rows', 'Integer', '0', 'Buffer this many rows (keeping the last per key) before flushing; 0 disables buffering.'],
      ['sink.buffer-flush.interval', 'Duration', '0 s', 'Flush the buffer at this interval; 0 disables buffering.'],
      ['scan.parallelism', 'Integer', undefined, 'Parallelism of the source.'],
      ...SOURCE_WATERMARK,
    ]),
  },
  {
    name: 'datagen',
    description: 'Generates random or sequential rows, for testing (bounded with number-of-rows or sequences).',
    roles: 'source',
    formats: 'none',
    options: opts([
      ['rows-per-second', 'Long', '10000', 'Rows generated per second (across all subtasks).'],
      ['number-of-rows', 'Long', undefined, 'Total rows to emit; unbounded when unset.'],
      ['scan.parallelism', 'Integer', undefined, 'Parallelism of the source.'],
      ['fields.#.kind', 'Enum', 'random', 'Generator of the column: random or sequence.', { values: ['random', 'sequence'] }],
      ['fields.#.min', 'String', undefined, 'Minimum of a random numeric column.'],
      ['fields.#.max', 'String', undefined, 'Maximum of a random numeric column.'],
      ['fields.#.max-past', 'Duration', '0', 'For random timestamps: maximum distance into the past from now.'],
      ['fields.#.length', 'Integer', '100', 'Length of random strings/bytes, or size of collections.'],
      ['fields.#.var-len', 'Boolean', 'false', 'Random strings/bytes of variable length up to `length`.'],
      ['fields.#.start', 'String', undefined, 'First value of a sequence column.'],
      ['fields.#.end', 'String', undefined, 'Last value of a sequence column (makes the source bounded).'],
      ['fields.#.null-rate', 'Float', '0', 'Fraction of NULL values (0–1).'],
    ]),
  },
  {
    name: 'filesystem',
    description: 'Reads and writes files (local, HDFS, S3, …) in a format, with partitions and partition commits.',
    roles: 'source, sink',
    formats: 'format',
    options: opts([
      ['path', 'String', undefined, 'Directory (or file) path, e.g. `s3://bucket/events/` or `file:///tmp/out`.', REQUIRED],
      ['format', 'String', undefined, 'File format.', { required: true, values: ['json', 'csv', 'avro', 'parquet', 'orc', 'raw', 'debezium-json', 'canal-json', 'maxwell-json'] }],
      ['source.monitor-interval', 'Duration', undefined, 'Continuously scan the path for new files at this interval (unbounded source); unset = read once.'],
      ['source.path.regex-pattern', 'String', undefined, 'Only read files whose path matches this regex.'],
      ['source.report-statistics', 'Enum', 'ALL', 'Report file statistics to the optimizer.', { values: ['NONE', 'ALL'] }],
      ['partition.default-name', 'String', '__DEFAULT_PARTITION__', 'Partition name for NULL or empty partition values.'],
      ['sink.rolling-policy.file-size', 'MemorySize', '128 mb', 'Roll the part file at this size.'],
      ['sink.rolling-policy.rollover-interval', 'Duration', '30 min', 'Roll a part file that has been open this long.'],
      ['sink.rolling-policy.check-interval', 'Duration', '1 min', 'How often the time-based rolling policy is checked.'],
      ['sink.rolling-policy.inactivity-interval', 'Duration', '30 min', 'Roll a part file that received nothing for this long.'],
      ['auto-compaction', 'Boolean', 'false', 'Compact small files produced within a checkpoint.'],
      ['compaction.file-size', 'MemorySize', undefined, 'Target size of compacted files (default: the rolling file size).'],
      ['sink.partition-commit.trigger', 'Enum', 'process-time', 'When a partition is committed.', { values: ['process-time', 'partition-time'] }],
      ['sink.partition-commit.delay', 'Duration', '0 s', 'Commit a partition only after this delay (e.g. 1 h for hourly partitions).'],
      ['sink.partition-commit.watermark-time-zone', 'String', 'UTC', 'Time zone to compare watermarks (TIMESTAMP_LTZ) with partition times.'],
      ['sink.partition-commit.policy.kind', 'String', undefined, "Comma-separated commit policies: 'metastore', 'success-file', 'custom'.", { values: ['metastore', 'success-file', 'custom', 'metastore,success-file'] }],
      ['sink.partition-commit.policy.class', 'String', undefined, 'PartitionCommitPolicy class for the custom policy.'],
      ['sink.partition-commit.success-file.name', 'String', '_SUCCESS', 'Name of the success file.'],
      ['partition.time-extractor.kind', 'Enum', 'default', 'How the partition time is extracted from partition values.', { values: ['default', 'custom'] }],
      ['partition.time-extractor.class', 'String', undefined, 'PartitionTimeExtractor class for the custom extractor.'],
      ['partition.time-extractor.timestamp-pattern', 'String', undefined, "Pattern building a timestamp from partition columns, e.g. '$dt $hour:00:00'."],
      ['partition.time-extractor.timestamp-formatter', 'String', 'yyyy-MM-dd HH:mm:ss', 'Java DateTimeFormatter pattern of the extracted timestamp.'],
      ['sink.shuffle-by-partition.enable', 'Boolean', 'false', 'Shuffle rows by partition before writing (fewer files per partition).'],
      ['sink.parallelism', 'Integer', undefined, 'Parallelism of the file sink.'],
    ]),
  },
  {
    name: 'jdbc',
    description: 'Reads, writes (append or upsert by PRIMARY KEY) and looks up rows in a JDBC database (MySQL, PostgreSQL, Oracle, …).',
    roles: 'source, sink, lookup',
    formats: 'none',
    options: opts([
      ['url', 'String', undefined, 'JDBC URL, e.g. `jdbc:mysql://localhost:3306/mydb`.', REQUIRED],
      ['table-name', 'String', undefined, 'Name of the database table.', REQUIRED],
      ['driver', 'String', undefined, 'JDBC driver class; derived from the URL when unset.'],
      ['username', 'String', undefined, 'Database user.'],
      ['password', 'String', undefined, 'Database password (prefer a ${variable} over a literal).'],
      ['connection.max-retry-timeout', 'Duration', '60 s', 'Maximum time between retries of a failed connection.'],
      ['scan.partition.column', 'String', undefined, 'Numeric, date or timestamp column used to split the scan into partitions.'],
      ['scan.partition.num', 'Integer', undefined, 'Number of scan partitions.'],
      ['scan.partition.lower-bound', 'Long', undefined, 'Smallest value of the partition column.'],
      ['scan.partition.upper-bound', 'Long', undefined, 'Largest value of the partition column.'],
      ['scan.fetch-size', 'Integer', '0', 'Rows fetched per round trip; 0 = driver default.'],
      ['scan.auto-commit', 'Boolean', 'true', 'JDBC auto-commit while scanning (some drivers stream only without it).'],
      ...LOOKUP_CACHE,
      ['lookup.cache.max-rows', 'Long', undefined, 'Old lookup cache size.', { deprecated: 'lookup.partial-cache.max-rows' }],
      ['lookup.cache.ttl', 'Duration', undefined, 'Old lookup cache TTL.', { deprecated: 'lookup.partial-cache.expire-after-write' }],
      ['lookup.cache.caching-missing-key', 'Boolean', 'true', 'Old name.', { deprecated: 'lookup.partial-cache.cache-missing-key' }],
      ['sink.buffer-flush.max-rows', 'Integer', '100', 'Flush after this many buffered rows; 0 disables.'],
      ['sink.buffer-flush.interval', 'Duration', '1 s', 'Flush buffered rows at this interval; 0 disables.'],
      ['sink.max-retries', 'Integer', '3', 'Retries of a failed write.'],
      ['sink.parallelism', 'Integer', undefined, 'Parallelism of the sink.'],
    ]),
  },
  {
    name: 'print',
    description: 'Prints every row to the TaskManager stdout/stderr log, for debugging.',
    roles: 'sink',
    formats: 'none',
    options: opts([
      ['print-identifier', 'String', undefined, 'Prefix printed before each row.'],
      ['standard-error', 'Boolean', 'false', 'Print to stderr instead of stdout.'],
      ['sink.parallelism', 'Integer', undefined, 'Parallelism of the sink.'],
    ]),
  },
  {
    name: 'blackhole',
    description: 'Swallows every row; for performance tests and to run a pipeline without output.',
    roles: 'sink',
    formats: 'none',
    options: [],
  },
  {
    name: 'elasticsearch-7',
    description: 'Writes (append or upsert by PRIMARY KEY) documents to Elasticsearch 7.',
    roles: 'sink',
    formats: 'format',
    options: opts([
      ['hosts', 'String', undefined, "Elasticsearch hosts, e.g. 'http://host:9200;http://host2:9200'.", REQUIRED],
      ['index', 'String', undefined, "Index name; may use a column, e.g. 'orders-{ts|yyyy-MM-dd}'.", REQUIRED],
      ['document-id.key-delimiter', 'String', '_', 'Delimiter of composite document ids.'],
      ['username', 'String', undefined, 'User for basic authentication.'],
      ['password', 'String', undefined, 'Password for basic authentication.'],
      ['sink.delivery-guarantee', 'Enum', 'AT_LEAST_ONCE', 'Delivery guarantee.', { values: ['AT_LEAST_ONCE', 'NONE'] }],
      ['sink.bulk-flush.max-actions', 'Integer', '1000', 'Actions per bulk request; 0 disables.'],
      ['sink.bulk-flush.max-size', 'MemorySize', '2 mb', 'Size of a bulk request; 0 disables.'],
      ['sink.bulk-flush.interval', 'Duration', '1 s', 'Flush interval; 0 disables.'],
      ['sink.bulk-flush.backoff.strategy', 'Enum', 'NONE', 'Retry strategy of failed bulk requests.', { values: ['NONE', 'CONSTANT', 'EXPONENTIAL'] }],
      ['sink.bulk-flush.backoff.max-retries', 'Integer', undefined, 'Maximum retries.'],
      ['sink.bulk-flush.backoff.delay', 'Duration', undefined, 'Delay (or initial delay) between retries.'],
      ['connection.path-prefix', 'String', undefined, "Prefix added to every REST path, e.g. '/v1'."],
      ['connection.request-timeout', 'Duration', undefined, 'Timeout to get a connection from the pool.'],
      ['connection.timeout', 'Duration', undefined, 'Timeout to establish a connection.'],
      ['socket.timeout', 'Duration', undefined, 'Socket read timeout.'],
      ['format', 'String', 'json', 'Document format.', { values: ['json'] }],
      ['sink.parallelism', 'Integer', undefined, 'Parallelism of the sink.'],
    ]),
  },
  {
    name: 'hbase-2.2',
    description: 'Reads, writes (upsert by row key) and looks up rows in HBase 2.2.',
    roles: 'source, sink, lookup',
    formats: 'none',
    options: opts([
      ['table-name', 'String', undefined, 'HBase table name.', REQUIRED],
      ['zookeeper.quorum', 'String', undefined, 'ZooKeeper quorum of the HBase cluster.', REQUIRED],
      ['zookeeper.znode.parent', 'String', '/hbase', 'Root znode of HBase.'],
      ['null-string-literal', 'String', 'null', 'How NULL strings are stored.'],
      ['sink.buffer-flush.max-size', 'MemorySize', '2 mb', 'Buffered mutation size before flushing; 0 disables.'],
      ['sink.buffer-flush.max-rows', 'Integer', '1000', 'Buffered mutations before flushing; 0 disables.'],
      ['sink.buffer-flush.interval', 'Duration', '1 s', 'Flush interval; 0 disables.'],
      ['sink.ignore-null-value', 'Boolean', 'false', 'Skip NULL columns when writing.'],
      ['sink.parallelism', 'Integer', undefined, 'Parallelism of the sink.'],
      ['lookup.async', 'Boolean', 'false', 'Asynchronous lookups.'],
      ...LOOKUP_CACHE,
      ['properties.*', 'String', undefined, 'Any HBase client property, e.g. `properties.hbase.security.authentication`.'],
    ]),
  },
  {
    name: 'mysql-cdc',
    description: 'Flink CDC: snapshot plus binlog changes of MySQL tables as a changelog (needs the flink-sql-connector-mysql-cdc jar).',
    roles: 'source',
    formats: 'none',
    metadata: [
      { key: 'table_name', type: 'STRING NOT NULL', description: 'Table of the row.' },
      { key: 'database_name', type: 'STRING NOT NULL', description: 'Database of the row.' },
      { key: 'op_ts', type: 'TIMESTAMP_LTZ(3) NOT NULL', description: 'When the change happened in the database (0 for snapshot rows).' },
      { key: 'row_kind', type: 'STRING NOT NULL', description: '+I, -U, +U or -D.' },
    ],
    options: opts([
      ['hostname', 'String', undefined, 'MySQL host.', REQUIRED],
      ['port', 'Integer', '3306', 'MySQL port.'],
      ['username', 'String', undefined, 'MySQL user (needs REPLICATION SLAVE/CLIENT, SELECT).', REQUIRED],
      ['password', 'String', undefined, 'MySQL password.', REQUIRED],
      ['database-name', 'String', undefined, 'Database name (regex allowed).', REQUIRED],
      ['table-name', 'String', undefined, 'Table name (regex allowed).', REQUIRED],
      ['server-id', 'String', undefined, "Unique replication client id or range, e.g. '5400-5408' (one per parallel reader)."],
      ['server-time-zone', 'String', undefined, 'Session time zone of the MySQL server, e.g. Asia/Shanghai.'],
      ['scan.incremental.snapshot.enabled', 'Boolean', 'true', 'Parallel, lock-free incremental snapshot.'],
      ['scan.incremental.snapshot.chunk.size', 'Integer', '8096', 'Rows per snapshot chunk.'],
      ['scan.incremental.snapshot.chunk.key-column', 'String', undefined, 'Column used to split snapshot chunks (default: first primary key column).'],
      ['scan.incremental.close-idle-reader.enabled', 'Boolean', 'false', 'Close idle readers after the snapshot phase.'],
      ['scan.snapshot.fetch.size', 'Integer', '1024', 'Rows fetched per round trip while snapshotting.'],
      ['scan.startup.mode', 'Enum', 'initial', 'Where to start.', { values: ['initial', 'snapshot', 'latest-offset', 'earliest-offset', 'specific-offset', 'timestamp'] }],
      ['scan.startup.specific-offset.file', 'String', undefined, 'Binlog file name for specific-offset.'],
      ['scan.startup.specific-offset.pos', 'Long', undefined, 'Binlog position for specific-offset.'],
      ['scan.startup.specific-offset.gtid-set', 'String', undefined, 'GTID set for specific-offset.'],
      ['scan.startup.timestamp-millis', 'Long', undefined, 'Epoch milliseconds for timestamp mode.'],
      ['connect.timeout', 'Duration', '30 s', 'Timeout connecting to MySQL.'],
      ['connect.max-retries', 'Integer', '3', 'Connection retries.'],
      ['connection.pool.size', 'Integer', '20', 'JDBC connection pool size.'],
      ['heartbeat.interval', 'Duration', '30 s', 'Heartbeat to advance the binlog offset of quiet tables.'],
      ['jdbc.properties.*', 'String', undefined, 'Extra JDBC URL properties.'],
      ['debezium.*', 'String', undefined, 'Any Debezium MySQL connector property.'],
    ]),
  },
];

const JSON_LIKE = (prefix: string): Opt[] => [
  [`${prefix}.ignore-parse-errors`, 'Boolean', 'false', 'Skip rows that fail to parse instead of failing the job.'],
  [`${prefix}.timestamp-format.standard`, 'Enum', 'SQL', "Timestamp text format: 'SQL' (yyyy-MM-dd HH:mm:ss.s{precision}) or 'ISO-8601'.", { values: ['SQL', 'ISO-8601'] }],
  [`${prefix}.map-null-key.mode`, 'Enum', 'FAIL', 'What to do with NULL map keys when writing.', { values: ['FAIL', 'DROP', 'LITERAL'] }],
  [`${prefix}.map-null-key.literal`, 'String', 'null', 'Key text written for NULL keys in LITERAL mode.'],
  [`${prefix}.encode.decimal-as-plain-number`, 'Boolean', 'false', 'Write decimals without scientific notation.'],
];

export const FORMATS: readonly FormatInfo[] = [
  {
    name: 'json',
    description: 'JSON objects, one per record.',
    options: opts([
      ['json.fail-on-missing-field', 'Boolean', 'false', 'Fail when a field is missing (instead of NULL).'],
      ...JSON_LIKE('json'),
      ['json.encode.ignore-null-fields', 'Boolean', 'false', 'Leave NULL fields out when writing.'],
      ['json.decode.json-parser.enabled', 'Boolean', 'true', 'Use the faster streaming JsonParser when reading.'],
    ]),
  },
  {
    name: 'csv',
    description: 'Comma-separated values (RFC 4180).',
    options: opts([
      ['csv.field-delimiter', 'String', ',', "Field delimiter character, e.g. ';' or '\\t'."],
      ['csv.disable-quote-character', 'Boolean', 'false', 'Disable quoting of values.'],
      ['csv.quote-character', 'String', '"', 'Quote character.'],
      ['csv.allow-comments', 'Boolean', 'false', "Ignore lines starting with '#'."],
      ['csv.ignore-parse-errors', 'Boolean', 'false', 'Skip rows that fail to parse.'],
      ['csv.array-element-delimiter', 'String', ';', 'Delimiter of array elements.'],
      ['csv.escape-character', 'String', undefined, 'Escape character (off by default).'],
      ['csv.null-literal', 'String', undefined, 'Text read and written as NULL.'],
      ['csv.write-bigdecimal-in-scientific-notation', 'Boolean', 'true', 'Write BigDecimals in scientific notation.'],
    ]),
  },
  {
    name: 'avro',
    description: 'Apache Avro binary records with a schema derived from the table schema.',
    options: opts([
      ['avro.codec', 'String', undefined, 'Compression codec for the filesystem connector.', { values: ['null', 'deflate', 'snappy', 'bzip2', 'xz'] }],
      ['avro.timestamp_mapping.legacy', 'Boolean', 'true', 'Use the legacy timestamp mapping (before 1.19).'],
    ]),
  },
  {
    name: 'avro-confluent',
    description: 'Avro with the Confluent Schema Registry wire format.',
    options: opts([
      ['avro-confluent.url', 'String', undefined, 'Schema Registry URL.', REQUIRED],
      ['avro-confluent.subject', 'String', undefined, 'Subject to register the schema under (sinks).'],
      ['avro-confluent.schema', 'String', undefined, 'Explicit Avro schema instead of the derived one.'],
      ['avro-confluent.basic-auth.credentials-source', 'String', undefined, 'Basic auth credentials source, e.g. USER_INFO.'],
      ['avro-confluent.basic-auth.user-info', 'String', undefined, 'user:password for basic auth.'],
      ['avro-confluent.bearer-auth.credentials-source', 'String', undefined, 'Bearer auth credentials source.'],
      ['avro-confluent.bearer-auth.token', 'String', undefined, 'Bearer token.'],
      ['avro-confluent.properties.*', 'String', undefined, 'Extra Schema Registry client properties.'],
      ['avro-confluent.ssl.keystore.location', 'String', undefined, 'Keystore location.'],
      ['avro-confluent.ssl.keystore.password', 'String', undefined, 'Keystore password.'],
      ['avro-confluent.ssl.truststore.location', 'String', undefined, 'Truststore location.'],
      ['avro-confluent.ssl.truststore.password', 'String', undefined, 'Truststore password.'],
    ]),
  },
  {
    name: 'debezium-json',
    description: 'Debezium change events in JSON (insert/update/delete changelog).',
    options: opts([
      ['debezium-json.schema-include', 'Boolean', 'false', "Messages carry Debezium's schema envelope (Kafka Connect JsonConverter schemas.enable=true)."],
      ...JSON_LIKE('debezium-json'),
    ]),
  },
  {
    name: 'debezium-avro-confluent',
    description: 'Debezium change events in Avro with the Confluent Schema Registry.',
    options: opts([
      ['debezium-avro-confluent.url', 'String', undefined, 'Schema Registry URL.', REQUIRED],
      ['debezium-avro-confluent.subject', 'String', undefined, 'Subject for the schema.'],
    ]),
  },
  {
    name: 'canal-json',
    description: 'Alibaba Canal change events in JSON.',
    options: opts([
      ...JSON_LIKE('canal-json'),
      ['canal-json.database.include', 'String', undefined, 'Only read changes of databases matching this regex.'],
      ['canal-json.table.include', 'String', undefined, 'Only read changes of tables matching this regex.'],
    ]),
  },
  { name: 'maxwell-json', description: 'Maxwell change events in JSON.', options: opts(JSON_LIKE('maxwell-json')) },
  { name: 'ogg-json', description: 'Oracle GoldenGate change events in JSON.', options: opts(JSON_LIKE('ogg-json').slice(0, 4)) },
  {
    name: 'raw',
    description: 'The raw bytes (or text) of a record as a single column.',
    options: opts([
      ['raw.charset', 'String', 'UTF-8', 'Charset of text values.'],
      ['raw.endianness', 'Enum', 'big-endian', 'Byte order of numeric values.', { values: ['big-endian', 'little-endian'] }],
    ]),
  },
  {
    name: 'parquet',
    description: 'Apache Parquet columnar files (filesystem connector).',
    options: opts([
      ['parquet.utc-timezone', 'Boolean', 'false', 'Use UTC (instead of the local time zone) converting epoch time to timestamps.'],
      ['parquet.compression', 'String', 'SNAPPY', 'Compression codec.', { values: ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD'] }],
    ]),
  },
  { name: 'orc', description: 'Apache ORC columnar files (filesystem connector).', options: opts([['orc.compress', 'String', 'ZLIB', 'Compression codec.', { values: ['NONE', 'ZLIB', 'SNAPPY', 'LZO', 'LZ4', 'ZSTD'] }]]) },
  {
    name: 'protobuf',
    description: 'Protocol Buffers records (needs the generated message class on the classpath).',
    options: opts([
      ['protobuf.message-class-name', 'String', undefined, 'Fully qualified generated message class.', REQUIRED],
      ['protobuf.ignore-parse-errors', 'Boolean', 'false', 'Skip records that fail to parse.'],
      ['protobuf.read-default-values', 'Boolean', 'false', 'Read default values of unset fields instead of NULL.'],
      ['protobuf.write-null-string-literal', 'String', '', 'String written for NULL in arrays/maps.'],
    ]),
  },
];

/** Options valid for every connector (planner-level). */
export const GENERIC_TABLE_OPTIONS: readonly ConnectorOption[] = opts([
  ['connector', 'String', undefined, 'The table connector.', { required: true, values: CONNECTORS.map((c) => c.name) }],
]);

const connectorByName = new Map(CONNECTORS.map((c) => [c.name, c]));
const formatByName = new Map(FORMATS.map((f) => [f.name, f]));

export function lookupConnector(name: string): ConnectorInfo | undefined {
  return connectorByName.get(name.toLowerCase());
}

export function lookupFormat(name: string): FormatInfo | undefined {
  return formatByName.get(name.toLowerCase());
}

/** Whether an option key matches a catalog key with `#` (one segment) or a trailing `*` (anything). */
export function optionKeyMatches(pattern: string, key: string): boolean {
  if (pattern === key) return true;
  if (pattern.endsWith('*')) return key.startsWith(pattern.slice(0, -1)) && key.length > pattern.length - 1;
  if (!pattern.includes('#')) return false;
  const [before, after] = pattern.split('#') as [string, string];
  return key.startsWith(before) && key.endsWith(after) && key.length > before.length + after.length && !key.slice(before.length, key.length - after.length).includes('.');
}

/** A connector option together with where it came from (the connector or a format). */
export interface ResolvedOption {
  option: ConnectorOption;
  /** Key as the user writes it (format options carry their `key.`/`value.` prefix). */
  key: string;
  from: string;
}

/**
 * Every option valid in a WITH clause, given the options written so far (they pick the connector
 * and formats). Format options are prefixed by the format (`json.*`) or by `key.`/`value.`.
 */
export function availableOptions(written: ReadonlyMap<string, string>): ResolvedOption[] {
  const result: ResolvedOption[] = GENERIC_TABLE_OPTIONS.map((option) => ({ option, key: option.key, from: 'table' }));
  const connector = lookupConnector(written.get('connector') ?? '');
  if (!connector) return result;
  for (const option of connector.options) result.push({ option, key: option.key, from: connector.name });
  const addFormat = (formatName: string | undefined, prefix: string) => {
    const format = formatName ? lookupFormat(formatName) : undefined;
    if (!format) return;
    for (const option of format.options) result.push({ option, key: prefix + option.key, from: `format ${format.name}` });
  };
  if (connector.formats !== 'none') addFormat(written.get('format') ?? (connector.formats === 'format' && connector.name === 'elasticsearch-7' ? 'json' : undefined), '');
  if (connector.formats === 'keyValue') {
    addFormat(written.get('key.format'), 'key.');
    addFormat(written.get('value.format'), 'value.');
  }
  return result;
}

/** The option definition for a written key, if the connector/format knows it. */
export function resolveOption(written: ReadonlyMap<string, string>, key: string): ResolvedOption | undefined {
  const all = availableOptions(written);
  return all.find((o) => o.key === key) ?? all.find((o) => optionKeyMatches(o.key, key));
}

export function describeConnectorOption(resolved: ResolvedOption): string {
  const { option } = resolved;
  const lines = [`**${resolved.key}** · \`${option.type}\`${option.required ? ' · required' : ''}  `, `_${resolved.from}_`];
  if (option.default !== undefined) lines.push(`Default: \`${option.default}\``);
  if (option.values) lines.push(`Values: ${option.values.map((v) => `\`${v}\``).join(', ')}`);
  if (option.deprecated) lines.push(`Deprecated: use \`${option.deprecated}\``);
  lines.push('', option.description);
  return lines.join('\n');
}

export function describeConnector(connector: ConnectorInfo): string {
  return [`**${connector.name}** connector (${connector.roles})`, '', connector.description].join('\n');
}
