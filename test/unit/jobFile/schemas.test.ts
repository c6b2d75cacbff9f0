// The checked-in schemas are exactly what `npm run schemas` generates from Flink's option catalogs,
// and the mapping of Flink types is faithful.
import { describe, expect, it } from 'vitest';
import { staleSchemas } from '../../../schemas/generate.mjs';
import { jobSchema } from '../../../server/src/languageService/jobFile/jobFileSchemas';
import { SUPPORTED_FLINK_VERSIONS } from '../../../server/src/protocol';

describe('generated schemas', () => {
  it('are current (run `npm run schemas` after changing the generator or the catalogs)', () => {
    expect(staleSchemas()).toEqual([]);
  });

  it('describe every supported version with its options, types and recommendations', () => {
    for (const version of SUPPORTED_FLINK_VERSIONS) {
      const schema = jobSchema(version);
      expect(schema['x-flink-version']).toBe(version);
      const options = schema.properties!.config!.properties!;
      expect(Object.keys(options).length).toBeGreaterThan(700);
      expect(options['execution.checkpointing.interval']).toMatchObject({ format: 'flink-duration', 'x-flink-type': 'Duration', 'x-recommended': { value: '1 min' } });
      expect(options['taskmanager.memory.process.size']).toMatchObject({ format: 'flink-memory-size', 'x-flink-type': 'MemorySize' });
      expect(options['execution.checkpointing.mode']!.flinkEnum).toEqual(['EXACTLY_ONCE', 'AT_LEAST_ONCE']);
      expect(options['pipeline.global-job-parameters']).toMatchObject({ format: 'flink-map', 'x-flink-type': 'Map' });
      expect(options['state.backend.type']!.description).toContain('Recommended: rocksdb');
    }
  });

  it('list options removed per version with their replacements', () => {
    expect(jobSchema('1.20')['x-retired-options']['state.backend']).toMatchObject({ deprecatedOnly: true, replacement: 'state.backend.type' });
    expect(jobSchema('2.0')['x-retired-options']['state.backend']).toMatchObject({ deprecatedOnly: false, removedIn: '2.0' });
    expect(jobSchema('2.0')['x-retired-options']['jobmanager.adaptive-scheduler.resource-wait-timeout']).toMatchObject({ replacement: 'jobmanager.adaptive-scheduler.submission.resource-wait-timeout' });
    expect(jobSchema('2.2')['x-retired-options']['jobstore.type']).toBeUndefined();
    expect(jobSchema('2.3')['x-retired-options']['jobstore.type']).toMatchObject({ removedIn: '2.3', replacement: 'completed-application-store.type' });
  });
});
