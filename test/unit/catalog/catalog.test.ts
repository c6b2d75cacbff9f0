// The per-version Flink knowledge: option catalog, retired keys, functions, connectors, did-you-mean.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_FLINK_VERSIONS } from '../../../server/src/protocol';
import { closestMatch, editDistance } from '../../../server/src/languageService/catalog/closestMatch';
import { configOptions, lookupConfigOption, retiredConfigOption } from '../../../server/src/languageService/catalog/configOptions';
import { BUILTIN_FUNCTIONS, builtinFunctions } from '../../../server/src/languageService/catalog/builtinFunctions';
import { availableOptions, CONNECTORS, optionKeyMatches, resolveOption } from '../../../server/src/languageService/catalog/connectors';
import { toVersionLine } from '../../../server/src/languageService/catalog/flinkVersions';

const REFERENCE = { '1.20': '1.20.5', '2.0': '2.0.2', '2.1': '2.1.3', '2.2': '2.2.1', '2.3': '2.3.0' } as const;

describe('configuration option catalog', () => {
  it('has exactly the keys of each version of the reference tables', () => {
    for (const version of SUPPORTED_FLINK_VERSIONS) {
      const reference = JSON.parse(readFileSync(`../shared/reference/flink-config/${REFERENCE[version]}.json`, 'utf8')) as Array<{ key: string; default: string | null; type: string }>;
      const keys = new Set(reference.map((r) => r.key.split('\n')[0]));
      expect(new Set(configOptions(version).keys())).toEqual(keys);
      const sample = reference.find((r) => r.key === 'execution.checkpointing.interval')!;
      expect(lookupConfigOption(version, 'execution.checkpointing.interval')).toMatchObject({ type: sample.type, default: sample.default });
    }
  });

  it('parses enum values and Batch/Streaming tags', () => {
    expect(lookupConfigOption('2.3', 'execution.runtime-mode')?.enum).toEqual(['STREAMING', 'BATCH', 'AUTOMATIC']);
    expect(lookupConfigOption('1.20', 'sql-client.execution.result-mode')?.mode).toBe('Batch Streaming');
  });

  it('knows renamed and removed keys with replacements', () => {
    expect(retiredConfigOption('2.0', 'state.backend')).toMatchObject({ replacement: 'state.backend.type', removedIn: '2.0', deprecatedOnly: false });
    expect(retiredConfigOption('1.20', 'state.backend')).toMatchObject({ deprecatedOnly: true });
    expect(retiredConfigOption('2.3', 'jobstore.type')).toMatchObject({ replacement: 'completed-application-store.type', removedIn: '2.3' });
    expect(retiredConfigOption('2.2', 'jobstore.type')).toBeUndefined();
    // Every replacement exists in the newest catalog.
    for (const key of ['state.backend', 'state.checkpoints.dir', 'execution.savepoint.path', 'restart-strategy', 'table.exec.async-scalar.buffer-capacity', 'security.ssl.verify-hostname']) {
      const replacement = retiredConfigOption('2.3', key)?.replacement;
      expect(replacement && lookupConfigOption('2.3', replacement), key).toBeTruthy();
    }
  });
});

describe('built-in functions', () => {
  it('are unique and filtered by version', () => {
    const names = BUILTIN_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(builtinFunctions('2.0').has('TRY_PARSE_JSON')).toBe(false);
    expect(builtinFunctions('2.1').has('TRY_PARSE_JSON')).toBe(true);
    expect(builtinFunctions('1.20').has('JSON_QUOTE')).toBe(true);
    expect(builtinFunctions('1.20').size).toBeGreaterThan(200);
  });
});

describe('connectors', () => {
  it('describe the common connectors thoroughly', () => {
    for (const name of ['kafka', 'upsert-kafka', 'datagen', 'filesystem', 'jdbc', 'print', 'blackhole']) expect(CONNECTORS.some((c) => c.name === name)).toBe(true);
    expect(CONNECTORS.find((c) => c.name === 'kafka')!.options.length).toBeGreaterThan(20);
  });

  it('match pattern keys and pull in format options with their prefixes', () => {
    expect(optionKeyMatches('fields.#.kind', 'fields.user_id.kind')).toBe(true);
    expect(optionKeyMatches('fields.#.kind', 'fields.a.b.kind')).toBe(false);
    expect(optionKeyMatches('properties.*', 'properties.sasl.mechanism')).toBe(true);
    const written = new Map([['connector', 'kafka'], ['key.format', 'csv'], ['value.format', 'json']]);
    const keys = availableOptions(written).map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['key.csv.field-delimiter', 'value.json.ignore-parse-errors']));
    expect(resolveOption(written, 'value.json.fail-on-missing-field')?.from).toBe('format json');
  });
});

describe('did-you-mean and versions', () => {
  it('finds close candidates only', () => {
    expect(editDistance('kafak', 'kafka')).toBe(1);
    expect(closestMatch('scan.startup.mod', ['scan.startup.mode', 'sink.parallelism'])).toBe('scan.startup.mode');
    expect(closestMatch('zzz', ['kafka', 'jdbc'])).toBeUndefined();
    expect(closestMatch('paralelism', ['parallelism', 'name'])).toBe('parallelism');
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('drian', 'drain')).toBe(1);
    expect(closestMatch('drian', ['savepoint', 'drain', 'cancel'])).toBe('drain');
    // Past the cap the distance stops counting.
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('finds a dotted key written without its leading segments', () => {
    expect(closestMatch('checkpointing.interval', ['execution.checkpointing.interval', 'pipeline.name'])).toBe('execution.checkpointing.interval');
    // Only keys: a plain word is not matched by suffix.
    expect(closestMatch('interval', ['execution.checkpointing.interval'])).toBeUndefined();
  });

  it('compares case-insensitively, suggests a case-only difference but never the word itself', () => {
    expect(closestMatch('exactly_once', ['EXACTLY_ONCE', 'AT_LEAST_ONCE'])).toBe('EXACTLY_ONCE');
    expect(closestMatch('Orders', ['orders', 'payments'])).toBe('orders');
    expect(closestMatch('orders', ['orders'])).toBeUndefined();
    expect(closestMatch('ordres', new Set(['orders', 'payments']))).toBe('orders');
  });

  it('turns written versions into supported lines', () => {
    expect(toVersionLine('1.20.3')).toBe('1.20');
    expect(toVersionLine('v2_1')).toBe('2.1');
    expect(toVersionLine('1.17')).toBe('2.3');
    expect(toVersionLine(undefined)).toBe('2.3');
  });
});
