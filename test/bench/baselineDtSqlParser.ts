// Benchmark baseline: dt-sql-parser's Flink SQL parser (bundled by the bench runner, since its
// ES-module build cannot be imported by Node directly).
export { FlinkSQL } from 'dt-sql-parser';
