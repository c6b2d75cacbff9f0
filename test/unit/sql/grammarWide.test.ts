// Wide statements (thousands of columns, rows, select items or options), as generated from schemas:
// they parse without errors, the tree has every element, and an error deep inside is found at its
// position. How fast they parse is measured by the benchmarks (test/bench), never asserted here.
import { describe, expect, test } from 'vitest';
import { ParserRuleContext, type ParseTree } from 'antlr4ng';
import { QuerySpecificationContext, ValuesClauseContext } from '../../../server/src/languageService/sql/generated/FlinkSqlParser';
import { checkStatementSyntax } from '../../../server/src/languageService/sql/parseStatement';
import { expectParses } from './sqlTestUtils';

/** The first node of `type` in the tree (depth first). */
function find<T extends ParserRuleContext>(node: ParseTree, type: abstract new (...args: never[]) => T): T | undefined {
  if (node instanceof type) return node as T;
  if (!(node instanceof ParserRuleContext)) return undefined;
  for (const child of node.children) {
    const found = find(child, type);
    if (found) return found;
  }
  return undefined;
}

const COLUMNS = 3_000;
const names = Array.from({ length: COLUMNS }, (_, i) => `c${i}`);
const types = ['INT', 'STRING', 'BIGINT', 'DECIMAL(10, 2)', 'TIMESTAMP(3)', 'ARRAY<STRING>', 'ROW<a INT, b STRING>', 'BOOLEAN NOT NULL'];

const wideCreate = `CREATE TABLE t (\n${names.map((n, i) => `  ${n} ${types[i % types.length]}`).join(',\n')}\n) WITH ('connector' = 'datagen')`;
const wideInsert = `INSERT INTO t (${names.join(', ')}) SELECT ${names.join(', ')} FROM s`;
const wideValues = `INSERT INTO t VALUES\n${names.map((_, i) => `(${i}, 'row ${i}', TRUE, CAST(NULL AS INT))`).join(',\n')}`;
const wideSelect = `SELECT\n${names.map((n, i) => `  s.${n} + ${i} AS a${i}`).join(',\n')}\nFROM s`;
const wideOptions = `CREATE TABLE t (a INT) WITH (\n${Array.from({ length: 1_000 }, (_, i) => `  'option.${i}' = 'value ${i}'`).join(',\n')}\n)`;

describe('wide statements', () => {
  test('CREATE TABLE with 3,000 columns of every kind', () => {
    const parsed = expectParses(wideCreate);
    const elements = parsed.tree.statement()!.createTable()!.tableElement();
    expect(elements).toHaveLength(COLUMNS);
    expect(elements[COLUMNS - 1]!.columnDefinition()!.columnName().getText()).toBe(`c${COLUMNS - 1}`);
  });

  test('CREATE TABLE with 3,000 computed and metadata columns', () => {
    const columns = names.map((n, i) => (i % 2 ? `  ${n} AS c${i - 1} * 2 + 1` : `  ${n} BIGINT METADATA FROM 'offset' VIRTUAL`));
    const sql = `CREATE TABLE t (\n${columns.join(',\n')},\n  WATERMARK FOR c0 AS c0,\n  PRIMARY KEY (c0) NOT ENFORCED\n)`;
    expect(expectParses(sql).tree.statement()!.createTable()!.tableElement()).toHaveLength(COLUMNS + 2);
  });

  test('INSERT INTO t (3,000 columns) SELECT 3,000 columns', () => {
    const insert = expectParses(wideInsert).tree.statement()!.insertStatement()!;
    expect(insert.insertColumnList()!.columnName()).toHaveLength(COLUMNS);
    expect(find(insert.query(), QuerySpecificationContext)!.selectItem()).toHaveLength(COLUMNS);
  });

  test('VALUES with 3,000 rows', () => {
    expect(checkStatementSyntax(wideValues).errors).toEqual([]);
    expect(find(expectParses(wideValues).tree, ValuesClauseContext)!.expression()).toHaveLength(COLUMNS);
  });

  test('SELECT list with 3,000 items', () => {
    const items = find(expectParses(wideSelect).tree, QuerySpecificationContext)!.selectItem();
    expect(items).toHaveLength(COLUMNS);
    expect(items[COLUMNS - 1]!.getText()).toBe(`s.c${COLUMNS - 1}+${COLUMNS - 1}ASa${COLUMNS - 1}`);
    expect(checkStatementSyntax(wideSelect).errors).toEqual([]);
  });

  test('WITH options list with 1,000 options', () => {
    const properties = expectParses(wideOptions).tree.statement()!.createTable()!.withOptions()!.propertyList().property();
    expect(properties).toHaveLength(1_000);
  });

  test('the syntax check (no tree) agrees with the full parse on every wide statement', () => {
    for (const sql of [wideCreate, wideInsert, wideValues, wideSelect, wideOptions]) {
      const checked = checkStatementSyntax(sql);
      expect(checked.errors).toEqual([]);
      expect(checked.usedFullLL).toBe(false);
    }
  });

  test('an error in the middle of a wide statement is reported where it is', () => {
    const broken = wideCreate.replace('  c1500 ', '  c1500 INT ');
    const errors = checkStatementSyntax(broken).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(1 + 1500);
    const unclosed = wideSelect.replace('s.c2000 + 2000 AS a2000', 's. + 2000 AS a2000');
    const selectErrors = checkStatementSyntax(unclosed).errors;
    expect(selectErrors).toHaveLength(1);
    expect(selectErrors[0]!.line).toBe(1 + 2000);
  });
});
