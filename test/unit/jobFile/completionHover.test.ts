// Completion and hover with caret markers (`|`): keys and values at every level, every Flink option
// of the chosen version under `config:` with documentation and recommendations.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { jobSchema } from '../../../server/src/languageService/jobFile/jobFileSchemas';
import { caret, jobDocument } from './support';

const features = createJobFileLanguageFeatures();

function complete(textWithCaret: string): CompletionItem[] {
  const { text, offset } = caret(textWithCaret);
  const document = jobDocument(text);
  return features.completion!(document, document.positionAt(offset));
}

function hoverText(textWithCaret: string): string | undefined {
  const { text, offset } = caret(textWithCaret);
  const document = jobDocument(text);
  return (features.hover!(document, document.positionAt(offset))?.contents as MarkupContent | undefined)?.value;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion', () => {
  it('offers the top-level keys not yet present, documented', () => {
    const items = complete('name: x\ntype: sql\n|\n');
    expect(labels(items)).toEqual(expect.arrayContaining(['flinkVersion', 'cluster', 'mode', 'sql', 'config', 'savepoints', 'restore', 'alerts', 'autoRestart']));
    expect(labels(items)).not.toContain('name');
    expect(labels(items)).not.toContain('type');
    const savepoints = items.find((i) => i.label === 'savepoints')!;
    expect((savepoints.documentation as MarkupContent).value).toContain('Savepoints');
  });

  it('offers every Flink option of the chosen version under config, with type, default and recommendation', () => {
    for (const version of ['1.20', '2.3'] as const) {
      const items = complete(`name: x\nflinkVersion: "${version}"\nconfig:\n  execution.check|\n`);
      const optionCount = Object.keys(jobSchema(version).properties!.config!.properties!).length;
      expect(items.length).toBeGreaterThanOrEqual(optionCount);
      const interval = items.find((i) => i.label === 'execution.checkpointing.interval')!;
      expect(interval.detail).toBe('Duration · default (none) · recommended 1 min');
      const doc = (interval.documentation as MarkupContent).value;
      expect(doc).toContain(`Flink ${version}`);
      expect(doc).toContain('**Recommended:** `1 min`');
      // The whole typed key is replaced (dots are not word boundaries here).
      expect(interval.textEdit).toMatchObject({ newText: 'execution.checkpointing.interval: ${1:1 min}', range: { start: { line: 3, character: 2 } } });
    }
    const v120 = labels(complete('name: x\nflinkVersion: "1.20"\nconfig:\n  |\n'));
    const v23 = labels(complete('name: x\nflinkVersion: "2.3"\nconfig:\n  |\n'));
    expect(v120).toContain('jobstore.type');
    expect(v23).not.toContain('jobstore.type');
    expect(v23).toContain('completed-application-store.type');
  });

  it('offers enum values of a Flink option, the recommended one preselected', () => {
    const items = complete('name: x\nconfig:\n  execution.checkpointing.externalized-checkpoint-retention: |\n');
    expect(labels(items)).toEqual(expect.arrayContaining(['DELETE_ON_CANCELLATION', 'RETAIN_ON_CANCELLATION', 'NO_EXTERNALIZED_CHECKPOINTS']));
    expect(items.find((i) => i.preselect)?.label).toBe('RETAIN_ON_CANCELLATION');
  });

  it('offers recommended and default values for a string option without booleans', () => {
    const items = complete('name: x\nconfig:\n  state.backend.type: |\n');
    expect(labels(items)).toEqual(['rocksdb', 'hashmap']);
  });

  it('offers values of job keys: modes, versions, clusters', () => {
    expect(labels(complete('name: x\nmode: |\n'))).toEqual(['remote', 'yarn-session', 'yarn-per-job', 'yarn-application', 'kubernetes-session', 'kubernetes-application', 'kubernetes-operator']);
    expect(labels(complete('name: x\nflinkVersion: |\n'))).toEqual(['"2.3"', '"2.2"', '"2.1"', '"2.0"', '"1.20"']);
    expect(labels(complete('name: x\ncluster: |\n'))).toEqual(['local', 'prod-standalone', 'yarn-prod', 'k8s-prod']);
  });

  it('offers SQL files next to the job file and the job variables after `${`', () => {
    expect(labels(complete('name: x\ntype: sql\nsql: |\n'))).toContain('sql/orders.flink.sql');
    const items = complete('name: x\ntype: jar\nvariables:\n  rate: 10\n  topic: orders\njar:\n  args: [--rate, "${r|"]\n');
    expect(labels(items)).toEqual(['${rate}', '${topic}']);
    expect(items[0]!.detail).toBe('10');
  });

  it('offers nested keys: savepoints, resources, list items', () => {
    expect(labels(complete('name: x\nsavepoints:\n  stopMode: drain\n  |\n'))).toEqual(['directory', 'format', 'timeout']);
    expect(labels(complete('name: x\nresources:\n  taskManager:\n    memory: 2g\n    |\n'))).toEqual(['cpu', 'slots', 'replicas']);
    expect(labels(complete('name: x\nalerts:\n  channels:\n    - name: a\n      |\n'))).toContain('urlSecret');
    expect(labels(complete('name: x\nalerts:\n  triggers:\n    - on: |\n'))).toEqual(['failed', 'restarts', 'checkpoint-failures', 'cluster-lost']);
  });

  it('offers the defined clusters and the local Flink for `cluster`', () => {
    expect(labels(complete('name: x\nflinkVersion: "1.20"\ncluster: |\n'))).toEqual(expect.arrayContaining(['prod-standalone', 'local']));
    // Without a definition named `local`, the entry explains the local Flink of the job's line.
    const { text, offset } = caret('name: x\nflinkVersion: "1.20"\ncluster: |\n');
    const document = jobDocument(text, 'nowhere.flink.yaml', tmpdir());
    const local = features.completion!(document, document.positionAt(offset)).find((i) => i.label === 'local');
    expect(local?.detail).toBe('the local Flink 1.20 started by Flink Pilot');
  });

  it('offers keys of cluster definitions in .flink/clusters.yaml', () => {
    const { text, offset } = caret('clusters:\n  - name: prod\n    |\n');
    const document = jobDocument(text, '.flink/clusters.yaml');
    const items = features.completion!(document, document.positionAt(offset));
    expect(labels(items)).toEqual(expect.arrayContaining(['restUrl', 'gatewayUrl', 'auth', 'tls', 'flinkVersion', 'kind']));
    expect(labels(items)).not.toContain('name');
  });
});

describe('hover', () => {
  it('documents a Flink option with type, default and recommendation', () => {
    const text = hoverText('name: x\nflinkVersion: "2.3"\nconfig:\n  restart-strategy.t|ype: fixed-delay\n')!;
    expect(text).toContain('**restart-strategy.type** · `String` · Flink 2.3');
    expect(text).toContain('Default: `(none)`');
    expect(text).toContain('**Recommended:** `exponential-delay`');
  });

  it('documents a Flink option when hovering its value', () => {
    expect(hoverText('name: x\nconfig:\n  execution.checkpointing.timeout: 10 m|in\n')).toContain('Default: `10 min`');
  });

  it('documents job keys, nested keys and removed options', () => {
    expect(hoverText('na|me: x\n')).toContain('pipeline.name');
    expect(hoverText('name: x\nrestore:\n  claim|Mode: no_claim\n')).toContain('execution.state-recovery.claim-mode');
    expect(hoverText('name: x\nflinkVersion: "2.3"\nconfig:\n  state.back|end: rocksdb\n')).toContain('removed in Flink 2.0. Use `state.backend.type`');
  });

  it('has nothing to say outside keys and values', () => {
    expect(hoverText('name: x\n|\n')).toBeUndefined();
  });
});

describe('document links', () => {
  it('links the SQL file and the cluster definition', () => {
    const document = jobDocument('name: x\ntype: sql\nflinkVersion: "2.3"\ncluster: k8s-prod\nsql: sql/orders.flink.sql\n');
    const links = features.documentLinks!(document);
    expect(links.map((l) => [document.getText(l.range), l.target!.replace(/^.*fixtures\//, '')])).toEqual([
      ['sql/orders.flink.sql', 'jobs/sql/orders.flink.sql'],
      ['k8s-prod', 'jobs/.flink/clusters.yaml#L34'],
    ]);
  });
});

describe('document symbols', () => {
  it('outline the job: sections, options, named list entries', () => {
    const document = jobDocument('name: x\nconfig:\n  execution.checkpointing.interval: 1 min\nalerts:\n  channels:\n    - name: mail\n      type: email\n');
    const symbols = features.documentSymbols!(document);
    expect(symbols.map((s) => s.name)).toEqual(['name', 'config', 'alerts']);
    expect(symbols[1]!.children!.map((s) => [s.name, s.detail])).toEqual([['execution.checkpointing.interval', '1 min']]);
    expect(symbols[2]!.children![0]!.children!.map((s) => s.name)).toEqual(['mail']);
  });
});
