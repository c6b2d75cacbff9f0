// The prediction snapshot: parsing with a DFA loaded from a snapshot gives exactly the trees and
// errors of parsing with a DFA built on demand; the snapshot survives a round trip; snapshots of
// another grammar are refused.
import { readFileSync } from 'node:fs';
import { CommonTokenStream } from 'antlr4ng';
import { afterAll, describe, expect, test } from 'vitest';
import { FlinkSqlParser } from '../../../server/src/languageService/sql/generated/FlinkSqlParser';
import { PREDICTION_SNAPSHOT_JSON } from '../../../server/src/languageService/sql/generated/predictionSnapshot';
import { parseStatement } from '../../../server/src/languageService/sql/parseStatement';
import {
  capturePredictionSnapshot,
  loadPredictionSnapshot,
  type PredictionSnapshot,
} from '../../../server/src/languageService/sql/predictionSnapshot';
import { splitStatements } from '../../../server/src/languageService/sql/statementSplitter';
import { loadCorpus } from './corpusCases';
import { treeText } from './sqlTestUtils';

/** Throws away the shared DFA of every FlinkSqlParser (as in a new process without a snapshot). */
function resetDfa(): void {
  new FlinkSqlParser(new CommonTokenStream({} as never)).interpreter.clearDFA();
}

const training = readFileSync(new URL('../../../grammars/predictionTraining.flink.sql', import.meta.url), 'utf8');
const trainingStatements = splitStatements(training).map((s) => s.text);
// Statements the snapshot was not trained on, valid and broken: the Flink SQL-client corpus and
// cut-off copies of it (unfinished statements take the error-recovery paths).
const corpus = loadCorpus().map((c) => c.text);
const unseen = [...corpus, ...corpus.map((t) => t.slice(0, Math.ceil(t.length * 0.6))), 'SELECT ((a + ', "CREATE TABLE t (a INT, WATERMARK FOR"];

const outcome = (texts: readonly string[]) =>
  texts.map((text) => {
    const parsed = parseStatement(text);
    return { tree: treeText(parsed.tree), errors: parsed.errors, usedFullLL: parsed.usedFullLL };
  });

describe('prediction snapshot', () => {
  afterAll(() => {
    // Leave the process as the other tests expect it: the shipped snapshot loaded.
    resetDfa();
    loadPredictionSnapshot(JSON.parse(PREDICTION_SNAPSHOT_JSON) as PredictionSnapshot);
  });

  test('the build shipped a snapshot for this grammar', () => {
    expect(PREDICTION_SNAPSHOT_JSON.length).toBeGreaterThan(1000);
    resetDfa();
    expect(loadPredictionSnapshot(JSON.parse(PREDICTION_SNAPSHOT_JSON) as PredictionSnapshot)).toBe(true);
  });

  test('parsing with the snapshot gives the same trees, errors and prediction modes as without', () => {
    expect(corpus.length).toBeGreaterThan(100);
    const texts = [...trainingStatements, ...unseen];
    resetDfa();
    const withoutSnapshot = outcome(texts);
    resetDfa();
    expect(loadPredictionSnapshot(JSON.parse(PREDICTION_SNAPSHOT_JSON) as PredictionSnapshot)).toBe(true);
    const withSnapshot = outcome(texts);
    for (let k = 0; k < texts.length; k++) expect(withSnapshot[k], texts[k]).toEqual(withoutSnapshot[k]);
  });

  test('a snapshot taken from a partly trained DFA, loaded and captured again, is the same data', () => {
    resetDfa();
    outcome(trainingStatements.slice(0, 60));
    const first = capturePredictionSnapshot();
    expect(first.decisions.length).toBeGreaterThan(10);
    resetDfa();
    expect(loadPredictionSnapshot(JSON.parse(JSON.stringify(first)) as PredictionSnapshot)).toBe(true);
    const second = capturePredictionSnapshot();
    expect(second).toEqual(first);
  });

  test('the DFA keeps growing on input the snapshot has not seen', () => {
    resetDfa();
    outcome(trainingStatements.slice(0, 20));
    const small = capturePredictionSnapshot();
    resetDfa();
    loadPredictionSnapshot(small);
    outcome(unseen);
    const grown = capturePredictionSnapshot();
    const states = (s: PredictionSnapshot) => s.decisions.reduce((n, d) => n + d.states.length, 0);
    expect(states(grown)).toBeGreaterThan(states(small));
  });

  test('a snapshot of another grammar is refused and changes nothing', () => {
    resetDfa();
    const snapshot = JSON.parse(PREDICTION_SNAPSHOT_JSON) as PredictionSnapshot;
    expect(loadPredictionSnapshot({ ...snapshot, fingerprint: `${snapshot.fingerprint}x` })).toBe(false);
    expect(capturePredictionSnapshot().decisions).toEqual([]);
  });
});
