import { describe, expect, it } from 'vitest';
import { matchesJobFilter, parseJobFilter, type FilterableJob } from '../../../client/src/views/jobFilter';

const orders: FilterableJob = { name: 'orders-enrich', tags: ['etl', 'payments'], state: 'RUNNING', cluster: 'prod-eu', file: 'jobs/orders.flink.yaml' };
const clicks: FilterableJob = { name: 'click-counts', tags: ['demo'], state: 'RESTARTING', cluster: 'dev', file: 'clicks.flink.yaml' };
const idle: FilterableJob = { name: 'nightly-report', tags: [], cluster: 'prod-eu', file: 'report.flink.yaml' };

const matching = (text: string) => [orders, clicks, idle].filter((job) => matchesJobFilter(parseJobFilter(text), job)).map((job) => job.name);

describe('jobs view filter', () => {
  it('keeps everything for an empty filter', () => {
    expect(matching('')).toEqual(['orders-enrich', 'click-counts', 'nightly-report']);
    expect(matching('   ')).toHaveLength(3);
  });

  it('matches bare words against name, file, tags and cluster, case-insensitively', () => {
    expect(matching('ORDERS')).toEqual(['orders-enrich']);
    expect(matching('payments')).toEqual(['orders-enrich']);
    expect(matching('prod')).toEqual(['orders-enrich', 'nightly-report']);
    expect(matching('clicks.flink')).toEqual(['click-counts']);
  });

  it('ANDs bare words', () => {
    expect(matching('prod report')).toEqual(['nightly-report']);
  });

  it('matches state as a whole word, so running does not match restarting', () => {
    expect(matching('state:running')).toEqual(['orders-enrich']);
    expect(matching('state:restart')).toEqual([]);
  });

  it('ORs repeated keys and ANDs different keys', () => {
    expect(matching('state:running state:restarting')).toEqual(['orders-enrich', 'click-counts']);
    expect(matching('state:running cluster:dev')).toEqual([]);
    expect(matching('cluster:prod tag:etl')).toEqual(['orders-enrich']);
  });

  it('negates with a leading minus', () => {
    expect(matching('-state:running')).toEqual(['click-counts', 'nightly-report']);
    expect(matching('-tag:demo prod')).toEqual(['orders-enrich', 'nightly-report']);
  });

  it('keeps quoted values together and ignores empty values', () => {
    const filter = parseJobFilter('name:"orders-enrich" tag:');
    expect(filter.terms).toEqual([{ key: 'name', value: 'orders-enrich', negate: false }]);
  });

  it('treats unknown keys as plain words', () => {
    expect(parseJobFilter('owner:alice').terms).toEqual([{ key: 'any', value: 'owner:alice', negate: false }]);
  });
});
