// Generates the JSON Schemas of job files (one per Flink version line), of cluster definitions and of
// build projects (`.flink/projects.yaml`); the job files' options come from Flink's own option
// catalogs (../shared/reference/flink-config/<release>.json). `npm run schemas` writes them;
// `node schemas/generate.mjs --check` fails when a checked-in file is stale (CI, unit test).
//
// Every Flink option of a version becomes a property of `config` with its Flink type mapped to JSON
// Schema (Duration/MemorySize/Map as formats, Enum as the case-insensitive `flinkEnum` keyword, as
// Flink parses enums), its description, default and — for the options that matter most — a
// recommended value with the reason. Options a version removed are listed under `x-retired-options`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECOMMENDATIONS } from './recommendations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

/** Version line → release whose catalog describes it (newest patch of the line). */
const VERSIONS = { '1.20': '1.20.5', '2.0': '2.0.2', '2.1': '2.1.3', '2.2': '2.2.1', '2.3': '2.3.0' };
const LINES = Object.keys(VERSIONS);

function catalogDir() {
  const candidates = [process.env.FLINK_CONFIG_CATALOG_DIR, resolve(repoRoot, '../shared/reference/flink-config'), '/work/shared/reference/flink-config'];
  for (const dir of candidates) if (dir && existsSync(join(dir, '2.3.0.json'))) return dir;
  throw new Error('Cannot find the Flink option catalogs (../shared/reference/flink-config). Set FLINK_CONFIG_CATALOG_DIR.');
}

// Options Flink renamed or dropped. The catalogs do not list deprecated keys, so renames are written
// down here; keys that simply vanish from a newer catalog are found automatically (see retiredOptions).
// `deprecatedIn`: still accepted with a warning from that line until `removedIn`.
const RENAMED = JSON.parse(readFileSync(new URL('./renamedOptions.json', import.meta.url), 'utf8'));

const lineIndex = (line) => LINES.indexOf(line);

// ------------------------------------------------------------------------------------------------
// Catalog → options

/** Enum values from the "Possible values:" list of a description (`- "VALUE": text`). */
function enumValues(description) {
  const at = description.lastIndexOf('Possible values:');
  const text = at >= 0 ? description.slice(at) : description;
  const values = [];
  for (const match of text.matchAll(/^- "([^"]+)"/gm)) values.push(match[1]);
  return values.length > 0 ? values : undefined;
}

function readCatalog(dir, release) {
  const raw = JSON.parse(readFileSync(join(dir, `${release}.json`), 'utf8'));
  const options = new Map();
  for (const entry of raw) {
    // Table options carry their mode after a newline in the key column ("key\nStreaming").
    const [key, ...modeParts] = entry.key.split('\n');
    const option = {
      key: key.trim(),
      type: entry.type,
      default: entry.default,
      description: entry.description,
      section: entry.section,
    };
    if (modeParts.length > 0) option.mode = modeParts.join(' ').trim();
    if (entry.type === 'Enum' || entry.type === 'List<Enum>') option.enum = enumValues(entry.description);
    if (!options.has(option.key)) options.set(option.key, option);
  }
  return options;
}

// ------------------------------------------------------------------------------------------------
// Flink types → JSON Schema

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const INT64 = { minimum: -9223372036854775808, maximum: 9223372036854775807 };

function valueSchema(option) {
  switch (option.type) {
    case 'Boolean':
      return { type: ['boolean', 'string'], enum: [true, false, 'true', 'false', 'TRUE', 'FALSE', 'True', 'False'] };
    case 'Integer':
      return { type: ['integer', 'string'], pattern: '^\\s*[-+]?\\d+\\s*$', ...INT32 };
    case 'Long':
      return { type: ['integer', 'string'], pattern: '^\\s*[-+]?\\d+\\s*$', ...INT64 };
    case 'Double':
    case 'Float':
      return { type: ['number', 'string'], pattern: '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$' };
    case 'Duration':
      return { type: ['integer', 'string'], format: 'flink-duration', minimum: 0 };
    case 'MemorySize':
      return { type: ['integer', 'string'], format: 'flink-memory-size', minimum: 0 };
    case 'Enum':
      return option.enum ? { type: 'string', flinkEnum: option.enum } : { type: 'string' };
    case 'List<Enum>':
      return option.enum
        ? { type: ['string', 'array'], flinkEnum: option.enum, items: { type: 'string', flinkEnum: option.enum } }
        : { type: ['string', 'array'], items: { type: 'string' } };
    case 'List<String>':
      return { type: ['string', 'array'], items: { type: ['string', 'number', 'boolean'] } };
    case 'Map':
      return { type: ['string', 'object'], format: 'flink-map', additionalProperties: { type: ['string', 'number', 'boolean'] } };
    case 'List<Map>':
      return { type: ['string', 'array'], items: { type: ['string', 'object'], additionalProperties: { type: ['string', 'number', 'boolean'] } } };
    default:
      // String (and anything unknown): YAML may read `10` or `true`; Flink takes the text.
      return { type: ['string', 'number', 'boolean'] };
  }
}

const TYPE_HINTS = {
  Duration: 'a Duration: `30 s`, `1 min`, `500 ms`, `2 h`, `1 d`, ISO-8601 `PT1M`, or a plain number of milliseconds',
  MemorySize: 'a MemorySize: `1g`, `512 mb`, `1024kb`, `64m`, or a plain number of bytes',
  'List<String>': 'a list: a YAML list or `a;b;c`',
  'List<Enum>': 'a list of enum values: a YAML list or `A;B`',
  Map: 'a map: a YAML map or `k1:v1,k2:v2`',
  'List<Map>': 'a list of maps: a YAML list or `k1:v1,k2:v2;k3:v3`',
};

function optionSchema(option, line) {
  const schema = valueSchema(option);
  const recommendation = RECOMMENDATIONS[option.key];
  const parts = [option.description.trim()];
  if (TYPE_HINTS[option.type]) parts.push(`Type: ${option.type} — ${TYPE_HINTS[option.type]}.`);
  if (recommendation) parts.push(`Recommended: ${recommendation.value} — ${recommendation.reason}`);
  schema.description = parts.join('\n\n');
  schema['x-flink-type'] = option.type;
  schema['x-flink-default'] = option.default;
  if (option.mode) schema['x-flink-mode'] = option.mode;
  if (recommendation) schema['x-recommended'] = recommendation;
  if (option.since && option.since !== LINES[0]) schema['x-since'] = option.since;
  void line;
  return schema;
}

/** `metrics.reporter.<name>.factory.class` → a regex for patternProperties. */
function keyPattern(key) {
  return `^${key
    .split(/(<[^>]+>)/)
    .map((part) => (part.startsWith('<') ? '[^.]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')}$`;
}

function retiredOptions(line, catalogs) {
  const current = catalogs[line];
  const retired = {};
  for (const entry of RENAMED) {
    if (current.has(entry.key)) continue;
    const removed = lineIndex(line) >= lineIndex(entry.removedIn);
    const deprecated = entry.deprecatedIn !== undefined && lineIndex(line) >= lineIndex(entry.deprecatedIn) && !removed;
    if (!removed && !deprecated) continue;
    retired[entry.key] = {
      ...(entry.replacement ? { replacement: entry.replacement } : {}),
      ...(removed ? { removedIn: entry.removedIn } : { deprecatedIn: entry.deprecatedIn }),
      deprecatedOnly: !removed,
      ...(entry.note ? { note: entry.note } : {}),
    };
  }
  // Keys an older supported line documents that this line no longer has.
  for (const older of LINES.slice(0, lineIndex(line))) {
    for (const key of catalogs[older].keys()) {
      if (current.has(key) || retired[key]) continue;
      let removedIn = line;
      for (const l of LINES.slice(lineIndex(older) + 1, lineIndex(line) + 1)) {
        if (!catalogs[l].has(key)) {
          removedIn = l;
          break;
        }
      }
      retired[key] = { removedIn, deprecatedOnly: false };
    }
  }
  return Object.fromEntries(Object.entries(retired).sort(([a], [b]) => a.localeCompare(b)));
}

// ------------------------------------------------------------------------------------------------
// The job file structure (the format's single source of truth; client/src/core/jobs/jobFile.ts mirrors it)

const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
const bool = (description) => ({ type: 'boolean', description });
const int = (description, extra = {}) => ({ type: 'integer', description, ...extra });
const duration = (description) => ({ type: ['string', 'integer'], format: 'flink-duration', description: `${description} A Duration: \`30 s\`, \`10 min\`, \`PT1M\`, or milliseconds.` });
const memory = (description) => ({ type: ['string', 'integer'], format: 'flink-memory-size', description: `${description} A MemorySize: \`1600m\`, \`2g\`, \`512 mb\`, or bytes.` });
const enumOf = (values, description) => ({ type: 'string', enum: values, description });
const list = (items, description) => ({ type: 'array', items, description });
const object = (properties, description, extra = {}) => ({ type: 'object', description, properties, additionalProperties: false, ...extra });
const secretName = (description) => str(`${description} The NAME of a secret (VS Code SecretStorage via "Flink: Set Secret", or the environment variable FLINK_PILOT_SECRET_<NAME>) — never the secret itself.`, { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

const MODES = ['remote', 'yarn-session', 'yarn-per-job', 'yarn-application', 'kubernetes-session', 'kubernetes-application', 'kubernetes-operator'];
const MODE_DOCS = {
  remote: 'Submit to a running cluster (standalone or session) through its REST API (jar jobs) or SQL Gateway (SQL jobs).',
  'yarn-session': 'Submit to a running YARN session (`yarn.applicationId`).',
  'yarn-per-job': 'Start a dedicated YARN cluster for this job (deprecated by Flink in favour of application mode).',
  'yarn-application': 'Run the job\'s main() in a dedicated YARN application cluster.',
  'kubernetes-session': 'Submit to a running native Kubernetes session cluster (`kubernetes.clusterId`).',
  'kubernetes-application': 'Start a native Kubernetes application cluster for the job (needs `kubernetes.image`).',
  'kubernetes-operator': 'Deploy as a FlinkDeployment / FlinkSessionJob managed by the Flink Kubernetes Operator.',
};

// Git URLs that carry credentials (`https://user:token@host/…`) are refused: they would be stored in
// the clone's config and shown in logs. scp-like `git@host:path` keeps its (non-secret) user.
const GIT_URL_PATTERN = '^(?![hH][tT][tT][pP][sS]?://[^/@\\s]*@)(?![a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@)(?![^@/:\\s]*:[^@/\\s]*@)\\S+$';
const PROJECT_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

function jobSchema(line, configSchema, retired) {
  const project = object(
    {
      use: str('Name of a project in `.flink/projects.yaml`; the other keys here override its fields (e.g. `ref`).', { pattern: PROJECT_NAME_PATTERN }),
      url: str('Git clone URL (https://, ssh://, git@host:path, file://) or a local path to a repository. Credentials never go into the URL: use `credentials`.', { pattern: GIT_URL_PATTERN }),
      ref: str('Branch, tag or commit to build. Default: the default branch.'),
      credentials: object(
        {
          type: enumOf(['token', 'basic', 'ssh'], '`token`: HTTPS token; `basic`: HTTPS user + password; `ssh`: private key.'),
          username: str('User for `basic` (not a secret).'),
          secret: secretName('Secret with the token, password or private key.'),
        },
        'Credentials for a private repository, by reference to a secret.',
        { required: ['type', 'secret'] },
      ),
      directory: str('Sub-directory of the repository that holds the build.'),
      pom: str('POM file relative to `directory`. Default `pom.xml`.'),
      buildTool: enumOf(['maven', 'maven-wrapper'], 'Build tool. `maven-wrapper` runs `./mvnw`. Default `maven`.'),
      buildArgs: list({ type: 'string' }, 'Extra build arguments, e.g. `[-Pprod, -DskipTests]`.'),
      mavenSettings: str('Maven `settings.xml` (relative to the job file) for mirrors and repository credentials.'),
      jar: str('Glob of the built jar relative to the module directory. Default: the largest `target/*.jar` that is not `original-*`.'),
    },
    'Build the jar from a Git project (Maven): written here with `url`, or a project of `.flink/projects.yaml` named with `use`.',
    { anyOf: [{ required: ['url'] }, { required: ['use'] }] },
  );
  const jar = object(
    {
      path: str('Path of the job jar, relative to this file.'),
      maven: str('Maven coordinates of the job jar: `group:artifact:version`.', { pattern: '^[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}$' }),
      project,
      entryClass: str('Fully qualified main class. Default: `Main-Class` of the jar manifest.', { pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' }),
      args: list({ type: ['string', 'number', 'boolean'] }, 'Program arguments; `${name}` variables are substituted.'),
    },
    'The job jar: exactly one of `path`, `maven`, `project`; plus `entryClass` and `args`.',
    { oneOf: [{ required: ['path'] }, { required: ['maven'] }, { required: ['project'] }] },
  );
  const channel = {
    type: 'object',
    description: 'An alert channel: `type: email` or `type: webhook` (kind dingtalk, wecom, lark, slack or http).',
    properties: {
      name: str('Channel name, used by `triggers[].channels`.'),
      type: enumOf(['email', 'webhook'], 'Channel type.'),
      to: list({ type: 'string', format: 'email' }, 'Email recipients.'),
      cc: list({ type: 'string', format: 'email' }, 'Email copy recipients.'),
      smtp: object(
        {
          host: str('SMTP server host.'),
          port: int('SMTP port (587 STARTTLS, 465 TLS, 25).', { minimum: 1, maximum: 65535 }),
          secure: bool('Implicit TLS from the first byte (port 465). Otherwise the connection starts in plain text and is upgraded with STARTTLS when the server offers it. Default: true for port 465.'),
          requireTls: bool('Refuse to send unless the server upgrades the connection with STARTTLS (ports 587/25), so the password and the alert never travel in plain text. Default false.\n\nRecommended: `true` for any server that is not on this machine.'),
          caFile: str('PEM file of an extra trusted CA (e.g. your company CA) that signed the SMTP server\'s certificate, relative to this job file. Certificates are always verified; this adds a CA to the system ones.'),
          username: str('SMTP user (not a secret).'),
          secret: secretName('Secret with the SMTP password.'),
          from: str('Sender address.', { format: 'email' }),
        },
        'SMTP server that sends the channel\'s mail (required for email channels).',
        { required: ['host', 'from'] },
      ),
      kind: enumOf(['dingtalk', 'wecom', 'lark', 'slack', 'http'], 'Webhook flavour: message format of the target.'),
      url: str('Webhook URL when it carries no credential (e.g. an internal HTTP endpoint). Use `urlSecret` for DingTalk/WeCom/Lark/Slack URLs, which embed their token.', { format: 'uri' }),
      urlSecret: secretName('Secret holding the webhook URL.'),
      signSecret: secretName('DingTalk / Lark signing secret.'),
      larkFormat: enumOf(['interactive', 'text'], 'Lark only: the message type. `interactive` (default): a message card with a coloured header, the facts and a button to the Flink Web UI; `text`: plain text, for groups or clients that do not show cards.'),
    },
    additionalProperties: false,
    required: ['name', 'type'],
    allOf: [
      { if: { properties: { type: { const: 'email' } }, required: ['type'] }, then: { required: ['to', 'smtp'] } },
      { if: { properties: { type: { const: 'webhook' } }, required: ['type'] }, then: { required: ['kind'], oneOf: [{ required: ['url'] }, { required: ['urlSecret'] }] } },
    ],
  };
  const trigger = object(
    {
      on: enumOf(['failed', 'restarts', 'checkpoint-failures', 'cluster-lost'], '`failed`: the job reached FAILED; `restarts`: more than `count` restarts within `within`; `checkpoint-failures`: more than `count` failed checkpoints within `within`; `cluster-lost`: the cluster stopped answering.'),
      count: int('Threshold for `restarts` and `checkpoint-failures`: alert when MORE than this many happen …', { minimum: 0 }),
      within: duration('… within this window.'),
      channels: list({ type: 'string' }, 'Channel names. Default: every channel.'),
    },
    'When to alert.',
    {
      required: ['on'],
      allOf: [{ if: { properties: { on: { enum: ['restarts', 'checkpoint-failures'] } }, required: ['on'] }, then: { required: ['count', 'within'] } }],
    },
  );

  const properties = {
    $schema: str('JSON Schema of this file.'),
    name: str('Job name (`pipeline.name`): how the job shows up in Flink and how Flink Pilot finds it again.', { minLength: 1 }),
    description: str('What the job does.'),
    type: enumOf(['sql', 'jar'], '`sql`: Flink SQL statements run through the SQL Gateway. `jar`: a DataStream/Table API program.'),
    flinkVersion: {
      type: ['string', 'number'],
      pattern: '^(1\\.20|2\\.[0-3])(\\.\\d+)?$',
      description: 'Flink version line (`1.20`, `2.0`, `2.1`, `2.2`, `2.3`) or release (`1.20.3`). Decides the options, SQL and APIs checked. Quote it: `"2.0"` — unquoted YAML reads `2.0` as the number 2.',
    },
    cluster: str('Cluster name from `.flink/clusters.yaml` (or `local` for the local cluster). Required for `remote` and the session modes.'),
    mode: { type: 'string', enum: MODES, description: `Deployment mode. Default \`remote\`.\n\n${MODES.map((m) => `- \`${m}\`: ${MODE_DOCS[m]}`).join('\n')}` },
    flinkHome: str('Name of the Flink installation whose `bin/flink` runs YARN / Kubernetes CLI modes.'),
    sql: str('SQL statements: the path of a `.sql` file relative to this file (one line ending in `.sql`), or the statements inline (a YAML block `|`).', { minLength: 1 }),
    jar,
    parallelism: int('Default parallelism of the job (`parallelism.default`).\n\nRecommended: size it to peak throughput with headroom and to the number of source partitions; keep it ≤ `pipeline.max-parallelism`.', { minimum: 1, maximum: 32768 }),
    resources: object(
      {
        jobManager: object({ memory: memory('JobManager process memory (`jobmanager.memory.process.size`). Recommended: 1600m; 2–4g for very large jobs.'), cpu: { type: 'number', exclusiveMinimum: 0, description: 'JobManager CPU cores (YARN vcores / Kubernetes CPU).' } }, 'JobManager resources.'),
        taskManager: object(
          {
            memory: memory('TaskManager process memory (`taskmanager.memory.process.size`). Recommended: 1–2g per slot, more with RocksDB.'),
            cpu: { type: 'number', exclusiveMinimum: 0, description: 'TaskManager CPU cores.' },
            slots: int('Task slots per TaskManager (`taskmanager.numberOfTaskSlots`). Recommended: one per CPU core.', { minimum: 1 }),
            replicas: int('Number of TaskManagers (Kubernetes operator).', { minimum: 1 }),
          },
          'TaskManager resources.',
        ),
      },
      'Memory, CPU and slots of the JobManager and TaskManagers (used by the YARN and Kubernetes modes; for `remote` the cluster already has its resources).',
    ),
    config: configSchema,
    dependencies: object(
      {
        maven: list(
          {
            anyOf: [
              { type: 'string', pattern: '^[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}$' },
              object({ coordinates: str('`group:artifact:version`.', { pattern: '^[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}$' }), exclusions: list({ type: 'string', pattern: '^[^:\\s]+:[^:\\s]+$' }, '`group:artifact` to exclude (`*` allowed).') }, 'Maven dependency with exclusions.', { required: ['coordinates'] }),
            ],
          },
          'Maven dependencies (connectors, formats, UDFs) added to the job: `group:artifact:version`, or `{ coordinates, exclusions }`.',
        ),
        jars: list({ type: 'string' }, 'Extra jar files (relative to this file).'),
      },
      'Extra jars the job needs on its classpath.',
    ),
    savepoints: object(
      {
        directory: str('Savepoint directory (`execution.checkpointing.savepoint-dir`): a durable shared file system such as s3:// or hdfs://.'),
        stopMode: enumOf(['savepoint', 'drain', 'cancel'], 'What `stop` does: `savepoint` (stop with savepoint; default), `drain` (stop with savepoint after emitting MAX_WATERMARK: flushes event-time windows — only for a final stop, not an upgrade), `cancel` (no savepoint).'),
        format: enumOf(['canonical', 'native'], 'Savepoint format: `canonical` (default; portable across state backends) or `native` (faster to take and restore for large RocksDB state; same backend only).'),
        timeout: duration('How long to wait for a savepoint before giving up. Default 10 min.'),
      },
      'Savepoints taken by stop and on demand.',
    ),
    restore: object(
      {
        from: enumOf(['latest-savepoint', 'latest-checkpoint', 'path', 'none'], 'Where (re)submission takes its state from: the latest savepoint (default), the latest retained checkpoint, a given `path`, or `none`.'),
        path: str('Savepoint or retained checkpoint path for `from: path`.'),
        allowNonRestoredState: bool('Start even when state in the snapshot belongs to no operator of the job (`--allowNonRestoredState`). Needed after removing a stateful operator; default false.'),
        claimMode: enumOf(['claim', 'no_claim', 'legacy'], 'Snapshot ownership (`execution.state-recovery.claim-mode`): `no_claim` (default; the snapshot stays yours), `claim` (the job takes over and may delete it), `legacy` (1.20 only).'),
      },
      'How the job is restored on submit.',
      { if: { properties: { from: { const: 'path' } }, required: ['from'] }, then: { required: ['path'] } },
    ),
    alerts: object({ channels: list(channel, 'Where alerts go.'), triggers: list(trigger, 'When alerts fire.') }, 'Alerts: channels and triggers.'),
    autoRestart: object(
      {
        enabled: bool('Restart the job automatically when it FAILS (beyond Flink\'s own restart strategy). Default true when this block is present.'),
        maxRestarts: int('Give up after this many automatic restarts within `within`.', { minimum: 0 }),
        within: duration('Window for `maxRestarts`.'),
        delay: duration('Wait before restarting. Default 30 s.'),
        from: enumOf(['latest-checkpoint', 'latest-savepoint', 'none'], 'State to restart from. Default `latest-checkpoint`.'),
      },
      'Automatic restart of a failed job by Flink Pilot.',
    ),
    variables: { type: 'object', description: 'Values for `${name}` in the SQL and in `args`.', propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' }, additionalProperties: { type: ['string', 'number', 'boolean'] } },
    tags: list({ type: 'string' }, 'Free-form labels for filtering jobs.'),
    yarn: object(
      {
        applicationId: str('YARN application id of the session (yarn-session).', { pattern: '^application_\\d+_\\d+$' }),
        queue: str('YARN queue (`yarn.application.queue`).'),
        applicationName: str('YARN application name (`yarn.application.name`).'),
        nodeLabel: str('YARN node label (`yarn.application.node-label`).'),
        shipFiles: list({ type: 'string' }, 'Files and directories shipped with the application (`yarn.ship-files`).'),
        providedLibDirs: list({ type: 'string' }, 'Pre-uploaded Flink libraries (`yarn.provided.lib.dirs`): faster application starts.'),
      },
      'YARN settings (yarn-* modes).',
    ),
    kubernetes: object(
      {
        clusterId: str('`kubernetes.cluster-id`: the session to submit to, or the application cluster to create.', { pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$', maxLength: 45 }),
        namespace: str('Kubernetes namespace. Default `default`.'),
        context: str('kubectl context. Default: the current context.'),
        serviceAccount: str('Service account of the JobManager (needs rights to create TaskManager pods).'),
        image: str('Container image with Flink (and, for application mode, the job jar under /opt/flink/usrlib).'),
        imagePullPolicy: enumOf(['IfNotPresent', 'Always', 'Never'], 'Image pull policy.'),
        podTemplate: str('Pod template file for all pods (relative to this file).'),
        jobManagerPodTemplate: str('Pod template file for the JobManager.'),
        taskManagerPodTemplate: str('Pod template file for the TaskManagers.'),
        restServiceType: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless_ClusterIP'], 'How the REST service is exposed (`kubernetes.rest-service.exposed.type`).'),
        jarURI: str('Operator: jar URI the pods can read. Default `local:///opt/flink/usrlib/<jar>`.'),
        sessionDeployment: str('Operator: run as a FlinkSessionJob on this FlinkDeployment (a session) instead of its own FlinkDeployment.'),
        upgradeMode: enumOf(['stateless', 'savepoint', 'last-state'], 'Operator upgrade mode. Recommended `savepoint`: state carries over every upgrade; `last-state` is faster (HA metadata) but needs HA.'),
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels on the created resources.' },
      },
      'Kubernetes settings (kubernetes-* modes).',
    ),
  };

  const requireIn = (modes, required) => ({ if: { properties: { mode: { enum: modes } }, required: ['mode'] }, then: required });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://flink-pilot.dev/schemas/flink-job-${line}.schema.json`,
    title: `Flink Pilot job file (Flink ${line})`,
    description: `A Flink job as a file: what to run (SQL or a jar), on which cluster and how, with its Flink options (${line}), savepoints, restore, alerts and restarts.`,
    type: 'object',
    properties,
    additionalProperties: false,
    required: ['name', 'type', 'flinkVersion'],
    allOf: [
      { if: { properties: { type: { const: 'sql' } }, required: ['type'] }, then: { required: ['sql'], not: { required: ['jar'] } } },
      { if: { properties: { type: { const: 'jar' } }, required: ['type'] }, then: { required: ['jar'], not: { required: ['sql'] } } },
      // `remote` is the default mode, so a file without `mode` needs a cluster too.
      { if: { not: { required: ['mode'] } }, then: { required: ['cluster'] } },
      requireIn(['remote', 'yarn-session', 'kubernetes-session'], { required: ['cluster'] }),
      requireIn(['yarn-session'], { required: ['yarn'], properties: { yarn: { required: ['applicationId'] } } }),
      requireIn(['kubernetes-session'], { required: ['kubernetes'], properties: { kubernetes: { required: ['clusterId'] } } }),
      requireIn(['kubernetes-application'], { required: ['kubernetes'], properties: { kubernetes: { required: ['clusterId', 'image'] } } }),
      requireIn(['kubernetes-operator'], { required: ['kubernetes'], properties: { kubernetes: { required: ['image'] } } }),
    ],
    'x-flink-version': line,
    'x-flink-release': VERSIONS[line],
    'x-retired-options': retired,
  };
}

function clustersSchema() {
  const cluster = object(
    {
      name: str('Cluster name, referenced by `cluster:` in job files.', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
      description: str('What the cluster is.'),
      kind: enumOf(['standalone', 'yarn', 'kubernetes', 'kubernetes-operator', 'local'], 'Kind of cluster. Default `standalone`. `local`: the local Flink that Flink Pilot starts; while it runs, its actual addresses replace `restUrl`/`gatewayUrl` (its ports are chosen at start).'),
      flinkVersion: { type: ['string', 'number'], pattern: '^(1\\.20|2\\.[0-3])(\\.\\d+)?$', description: 'Flink version the cluster runs (`1.20`, `2.3`, `2.3.0`). Quote it.' },
      restUrl: str('JobManager REST address, e.g. `https://flink.example.internal:8081`.', { format: 'uri', pattern: '^https?://[^@/\\s]+(/.*)?$' }),
      gatewayUrl: str('SQL Gateway REST address (needed for SQL jobs).', { format: 'uri', pattern: '^https?://[^@/\\s]+(/.*)?$' }),
      tls: object({ verify: bool('Verify the server certificate. Default true; turning it off exposes credentials to anyone on the path.'), caFile: str('PEM file of an extra trusted CA (relative to the workspace root).') }, 'TLS options for https addresses.'),
      auth: object(
        {
          type: enumOf(['token', 'basic'], '`token`: `Authorization: Bearer <secret>`; `basic`: `username` + password (the secret).'),
          secret: secretName('Secret with the token or password.'),
          username: str('User for `basic` (not a secret).'),
        },
        'Authentication, by REFERENCE to a secret. A literal token or password here is an error.',
        { required: ['type', 'secret'], if: { properties: { type: { const: 'basic' } }, required: ['type'] }, then: { required: ['username'] } },
      ),
      timeout: duration('Per-request timeout. Default 30 s.'),
      flinkHome: str('Name of the Flink installation whose `bin/flink` talks to this cluster (YARN / Kubernetes).'),
      yarn: object({ applicationId: str('YARN application id of a session cluster.', { pattern: '^application_\\d+_\\d+$' }), queue: str('Default YARN queue.') }, 'YARN details.'),
      kubernetes: object({ context: str('kubectl context.'), namespace: str('Namespace.'), clusterId: str('`kubernetes.cluster-id` of a session cluster.') }, 'Kubernetes details.'),
    },
    'A Flink cluster.',
    { required: ['name', 'restUrl'] },
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://flink-pilot.dev/schemas/flink-clusters.schema.json',
    title: 'Flink Pilot cluster definitions (.flink/clusters.yaml)',
    type: 'object',
    properties: { $schema: str('JSON Schema of this file.'), clusters: list(cluster, 'The Flink clusters of this workspace.') },
    additionalProperties: false,
    required: ['clusters'],
  };
}

function projectsSchema() {
  const secretSource = (description) => ({
    type: 'object',
    description: `${description} By reference only: \`{ secret: NAME }\` (VS Code SecretStorage via "Flink: Set Secret"; the CLI reads FLINK_PILOT_SECRET_<NAME>) or \`{ env: VARIABLE }\` — a value written here is refused.`,
    properties: {
      secret: secretName('Secret holding the value.'),
      env: str('Environment variable holding the value.', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    },
    additionalProperties: false,
    oneOf: [{ required: ['secret'] }, { required: ['env'] }],
  });
  const credentials = object(
    {
      type: enumOf(['token', 'basic', 'ssh'], 'Short form with `secret` (or `env`): `token` (HTTPS access token), `basic` (HTTPS `username` + password), `ssh` (the private key itself kept as a secret).'),
      secret: secretName('Short form: secret holding the token, password or private key.'),
      env: str('Short form: environment variable holding the token, password or private key.', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
      token: secretSource('HTTPS access token (GitHub/GitLab/Gitea personal or project token).'),
      username: str('User for `password`, or for a token sent as basic auth (default `x-access-token`). Not a secret.'),
      password: secretSource('HTTPS password of `username`.'),
      scheme: enumOf(['basic', 'bearer'], 'How a token is sent: `basic` (as the password of `username`; default, works with GitHub, GitLab, Gitea) or `bearer` (an `Authorization: Bearer` header, e.g. Bitbucket Server / Azure DevOps).'),
      sshKey: str('Path of a private key file for ssh:// and git@host:path URLs, e.g. `~/.ssh/id_ed25519`.'),
    },
    'Credentials for a private repository, by reference to a secret or an environment variable: `token`, `username` + `password`, `sshKey`, or the short form `{ type, secret }`. Git never prompts: a rejected credential fails at once.',
    { oneOf: [{ required: ['type'] }, { required: ['token'] }, { required: ['password'] }, { required: ['sshKey'] }] },
  );
  const ref = (what) => str(`${what} to build. Give only one of \`ref\`, \`branch\`, \`tag\`, \`commit\`; default: the remote's default branch.`, { pattern: '^(?!-)[A-Za-z0-9._/+-]+$' });
  const properties = {
    name: str('Project name (list form), referenced by `use:` in a job file\'s `jar.project`.', { pattern: PROJECT_NAME_PATTERN }),
    url: str('Git clone URL: https://, ssh://, git://, file:// or git@host:path. Credentials never go into the URL: use `credentials`.', { pattern: GIT_URL_PATTERN }),
    ref: ref('Branch, tag or commit'),
    branch: ref('Branch'),
    tag: ref('Tag'),
    commit: ref('Commit'),
    credentials,
    directory: str('Directory of the build inside the repository (where `pom.xml` or `gradlew` is), for multi-module repositories. Relative, without `..`.'),
    pom: str('`pom.xml` path inside the repository, when it is not `<directory>/pom.xml`.', { pattern: '\\.xml$' }),
    buildTool: enumOf(['auto', 'maven', 'maven-wrapper', 'gradle'], 'Build tool. `auto` (default): Maven when there is a `pom.xml` (its `mvnw` when present), Gradle when there is a Gradle wrapper.'),
    buildArgs: list({ type: ['string', 'number'] }, 'Extra build arguments, one per item, each passed literally (never through a shell), e.g. `[-Pprod, -Dflink.version=2.3.0]`.'),
    mavenSettings: str('Maven `settings.xml` (absolute, or relative to the workspace) for mirrors and repository credentials.'),
    artifact: str('The jar to submit, relative to the build directory (one `*` allowed). Default: the shaded jar — the largest jar in `target/` (or `build/libs/`) that is not `original-*`, `-sources` or `-javadoc`.', { pattern: '\\.jar$' }),
    jar: str('Same as `artifact` (the job file\'s name for it).', { pattern: '\\.jar$' }),
    mainClass: str('Fully qualified main class. Default: `Main-Class` of the jar manifest, else the one class with a `main` method.', { pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' }),
    timeoutMinutes: { type: 'number', exclusiveMinimum: 0, description: 'Build timeout in minutes; the whole build process tree is killed after it. Default 30.' },
  };
  const project = {
    // The mapping form also takes a bare URL: `orders: https://git.example.com/orders.git`.
    type: ['object', 'string'],
    description: 'A Git project that builds a job jar: where it lives, which ref, how to authenticate, how to build. A bare string is its URL.',
    properties,
    additionalProperties: false,
    required: ['url'],
    pattern: GIT_URL_PATTERN,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://flink-pilot.dev/schemas/flink-projects.schema.json',
    title: 'Flink Pilot build projects (.flink/projects.yaml)',
    type: 'object',
    properties: {
      $schema: str('JSON Schema of this file.'),
      projects: {
        // The mapping form (name → project) and the list form (entries with `name`) are both read.
        type: ['object', 'array'],
        description: 'The Git projects of this workspace by name (`orders: { url: …, ref: … }`), used by job files with `jar: { project: { use: orders } }`.',
        propertyNames: { pattern: PROJECT_NAME_PATTERN },
        additionalProperties: project,
        items: { ...project, type: 'object', required: ['name', 'url'] },
      },
    },
    additionalProperties: false,
    required: ['projects'],
  };
}

// ------------------------------------------------------------------------------------------------

/** Every schema file: name → JSON text. */
export function generateSchemas() {
  const dir = catalogDir();
  const catalogs = Object.fromEntries(LINES.map((line) => [line, readCatalog(dir, VERSIONS[line])]));
  // First supported line that has each key (shown as "since").
  for (const [i, line] of LINES.entries()) {
    for (const option of catalogs[line].values()) option.since = LINES.slice(0, i + 1).find((l) => catalogs[l].has(option.key));
  }
  const files = {};
  for (const line of LINES) {
    const properties = {};
    const patternProperties = {};
    for (const option of [...catalogs[line].values()].sort((a, b) => a.key.localeCompare(b.key))) {
      const schema = optionSchema(option, line);
      if (option.key.includes('<')) {
        schema['x-flink-key'] = option.key;
        patternProperties[keyPattern(option.key)] = schema;
      } else properties[option.key] = schema;
    }
    const configSchema = {
      type: 'object',
      description: `Flink options (${line}): any option of Flink ${line}, e.g. \`execution.checkpointing.interval: 1 min\`. Values as YAML scalars; lists and maps as YAML lists/maps or Flink text (\`a;b\`, \`k:v,k2:v2\`).`,
      properties,
      patternProperties,
      // Unknown keys are reported by the language service (with did-you-mean), not rejected here:
      // connector-, plugin- and user-defined keys are legal Flink configuration.
      additionalProperties: true,
    };
    files[`flink-job-${line}.schema.json`] = jobSchema(line, configSchema, retiredOptions(line, catalogs));
  }
  files['flink-clusters.schema.json'] = clustersSchema();
  files['flink-projects.schema.json'] = projectsSchema();
  return Object.fromEntries(Object.entries(files).map(([name, json]) => [name, `${JSON.stringify(json, null, 1)}\n`]));
}

/** Names of checked-in schema files that differ from what the catalogs generate. */
export function staleSchemas() {
  return Object.entries(generateSchemas())
    .filter(([name, text]) => !existsSync(join(here, name)) || readFileSync(join(here, name), 'utf8') !== text)
    .map(([name]) => `schemas/${name}`);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  if (process.argv.includes('--check')) {
    const stale = staleSchemas();
    if (stale.length > 0) {
      console.error(`Stale schemas: ${stale.join(', ')}. Run \`npm run schemas\` and commit the result.`);
      process.exit(1);
    }
    console.log('schemas/ is current.');
  } else {
    const files = generateSchemas();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(here, name), text);
    console.log(`Wrote ${Object.keys(files).map((name) => `schemas/${name}`).join(', ')}.`);
  }
}
