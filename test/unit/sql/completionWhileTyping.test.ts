// Completion right after an edit answers from the previous model plus the re-tokenized statement;
// it must give the same answers as a full analysis of the edited text.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { features, labels, withCaret } from './sqlFixture';

const BASE = `CREATE TABLE orders (order_id BIGINT, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
CREATE TABLE customers (customer_id BIGINT, name STRING) WITH ('connector' = 'datagen');
SELECT o.order_id FROM orders o WHERE o.amount > 1;
SELECT name FROM customers;
`;

/** The edited text (with caret marker) must complete the same with and without a previous model. */
function sameAnswers(previousText: string, editedMarked: string): string[] {
  const { document, position } = withCaret(editedMarked);
  const warm = features();
  warm.diagnostics(TextDocument.create(document.uri, 'flinksql', 1, previousText));
  const whileTyping = labels(warm.completion!(document, position)).sort();
  const fresh = labels(features().completion!(document, position)).sort();
  expect(whileTyping).toEqual(fresh);
  return whileTyping;
}

describe('completion while typing', () => {
  it('a character typed in a select list', () => {
    const got = sameAnswers(BASE, BASE.replace('SELECT o.order_id FROM', 'SELECT o.order_id, o.a| FROM'));
    expect(got).toContain('amount');
  });

  it('a character typed after FROM', () => {
    const got = sameAnswers(BASE, BASE.replace('SELECT name FROM customers', 'SELECT name FROM c|ustomers'));
    expect(got).toContain('customers');
  });

  it('an identifier typed in a later statement after a shift of earlier text', () => {
    const edited = BASE.replace('amount INT', 'amount INT, note STRING').replace('SELECT name FROM customers;', 'SELECT name FROM customers WHERE |;');
    // Two edit regions: the fast path steps aside, the full analysis answers.
    const got = sameAnswers(BASE, edited);
    expect(got).toContain('customer_id');
  });

  it('typing a quote or a semicolon re-splits through the full analysis', () => {
    sameAnswers(BASE, BASE.replace('WHERE o.amount > 1', "WHERE o.amount > '|"));
    sameAnswers(BASE, BASE.replace('SELECT name FROM customers;', 'SELECT name FROM customers; SELECT |'));
  });

  it('typing at the end of an unterminated last statement', () => {
    const previous = `${BASE}SELECT * FROM orders o WHERE o.`;
    const got = sameAnswers(previous, `${previous}am|`);
    expect(got).toContain('amount');
  });
});
