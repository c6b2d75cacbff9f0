// A snapshot of the parser's prediction DFA, so that a new server process does not rebuild it.
//
// WHY: ANTLR's adaptive prediction builds its DFA lazily, state by state, the first time each
// decision meets each token sequence; in a fresh process that is about half of the time to the
// first diagnostics (simulating the ATN, computing closures, in not-yet-optimised code). The DFA
// depends only on the grammar, so the build captures it after parsing a training set
// (grammars/generate.mjs → generated/predictionSnapshot.json) and the server loads it at start.
// Input unlike the training set still works: missing states are built on first use, as without
// a snapshot. A snapshot of another grammar version is refused as a whole (the ATN fingerprint
// differs), never applied partly.
//
// Public API:
//   capturePredictionSnapshot(): PredictionSnapshot — the DFA of FlinkSqlParser as plain data.
//   loadPredictionSnapshot(snapshot): boolean — installs it into FlinkSqlParser's shared DFA
//     (only into decisions that have no states yet); false when it does not fit this parser.
//   atnFingerprint(): string — identifies the grammar the snapshot belongs to.
//
// Format: numbers in flat arrays (compact JSON, fast to parse). Prediction contexts and semantic
// contexts are tables referenced by index; DFA states are referenced by their index in `states`.
import {
  ATNConfig,
  ATNConfigSet,
  ATNSimulator,
  ArrayPredictionContext,
  BitSet,
  CommonTokenStream,
  DFAState,
  EmptyPredictionContext,
  PredictionContext,
  SemanticContext,
  SingletonPredictionContext,
  createSingletonPredictionContext,
  type DFA,
} from 'antlr4ng';
import { FlinkSqlParser } from './generated/FlinkSqlParser';

export interface PredictionSnapshot {
  /** atnFingerprint() of the parser the snapshot was taken from. */
  fingerprint: string;
  /**
   * Prediction contexts, parents before children: [0] = EMPTY; a singleton is
   * [returnState, parentIndex]; an array context is [-1, n, returnState1, parentIndex1, ...].
   */
  contexts: number[][];
  /** Semantic contexts: [0] = NONE; [1, precedence] precedence predicate; [2, rule, pred, ctxDependent]. */
  semantics: number[][];
  decisions: SnapshotDecision[];
}

interface SnapshotDecision {
  decision: number;
  /**
   * States in state-number order; each: [flags, prediction, configsHash, predicateCount,
   *   ...(semantic, alt) x predicateCount, edgeCount, ...(symbol + 1, target) x edgeCount]
   *   (target -1 = ERROR). configsHash is ATNConfigSet.hashCode() of the state's configurations:
   *   the DFA's key for the state, known without building the configurations.
   */
  states: number[][];
  /**
   * Per state, its configuration set as text: "uniqueAlt conflictingAltWords|state,alt,context,semantic,flags;...".
   * Read only when the parser first needs that state's configurations (to compute a transition the
   * snapshot does not have): most states of a session never are.
   */
  configs: string[];
  /** Start state: [state] or, for a precedence DFA, [precedence, state, precedence, state, ...]. */
  start: number[];
}

// State flags.
const ACCEPT = 1;
const REQUIRES_FULL_CONTEXT = 2;
const HAS_SEMANTIC_CONTEXT = 4;
const DIPS_INTO_OUTER_CONTEXT = 8;
const FULL_CTX = 16;
const HAS_PREDICATES = 32;
// Config flags.
const REACHES_INTO_OUTER_CONTEXT = 1;
const PRECEDENCE_FILTER_SUPPRESSED = 2;

/** The shared DFA of every FlinkSqlParser (one array for all instances). */
function sharedDfa(): DFA[] {
  return new FlinkSqlParser(new CommonTokenStream({} as never)).interpreter.decisionToDFA;
}

/** Identifies the grammar: the serialized ATN's length and a hash of its contents. */
export function atnFingerprint(): string {
  const atn = FlinkSqlParser._serializedATN;
  let hash = 0x811c9dc5;
  for (const value of atn) hash = Math.imul(hash ^ value, 0x01000193) >>> 0;
  return `${atn.length}:${hash.toString(16)}`;
}

/** Thrown (and caught by the capture) for a DFA state this format cannot represent. */
class Unrepresentable extends Error {}

export function capturePredictionSnapshot(): PredictionSnapshot {
  const contexts: number[][] = [[]];
  const contextIds = new Map<PredictionContext, number>([[EmptyPredictionContext.instance, 0]]);
  const semantics: number[][] = [[]];
  const semanticIds = new Map<SemanticContext, number>([[SemanticContext.NONE, 0]]);

  const contextId = (context: PredictionContext | null): number => {
    if (!context) throw new Unrepresentable('null context');
    const known = contextIds.get(context);
    if (known !== undefined) return known;
    let row: number[];
    if (context instanceof SingletonPredictionContext) {
      row = [context.returnState, contextId(context.parent)];
    } else if (context instanceof ArrayPredictionContext) {
      row = [-1, context.returnStates.length];
      for (let k = 0; k < context.returnStates.length; k++) row.push(context.returnStates[k]!, contextId(context.parents[k] ?? null));
    } else {
      throw new Unrepresentable(`context ${context.constructor.name}`);
    }
    contexts.push(row);
    contextIds.set(context, contexts.length - 1);
    return contexts.length - 1;
  };
  const semanticId = (semantic: SemanticContext): number => {
    const known = semanticIds.get(semantic);
    if (known !== undefined) return known;
    let row: number[];
    if (semantic instanceof SemanticContext.PrecedencePredicate) row = [1, semantic.precedence];
    else if (semantic instanceof SemanticContext.Predicate) row = [2, semantic.ruleIndex, semantic.predIndex, semantic.isCtxDependent ? 1 : 0];
    else throw new Unrepresentable(`semantic context ${semantic.constructor.name}`);
    semantics.push(row);
    semanticIds.set(semantic, semantics.length - 1);
    return semantics.length - 1;
  };

  const decisions: SnapshotDecision[] = [];
  for (const dfa of sharedDfa()) {
    const states = dfa.getStates();
    if (states.length === 0) continue;
    // Contexts and semantics of a refused decision may stay in the tables: harmless.
    try {
      const index = new Map<DFAState, number>(states.map((s, k) => [s, k]));
      const target = (s: DFAState): number => {
        if (s === ATNSimulator.ERROR) return -1;
        const k = index.get(s);
        if (k === undefined) throw new Unrepresentable('edge to a state outside the DFA');
        return k;
      };
      const rows = states.map((s) => {
        const set = s.configs;
        const row = [
          (s.isAcceptState ? ACCEPT : 0) | (s.requiresFullContext ? REQUIRES_FULL_CONTEXT : 0)
            | (set.hasSemanticContext ? HAS_SEMANTIC_CONTEXT : 0) | (set.dipsIntoOuterContext ? DIPS_INTO_OUTER_CONTEXT : 0)
            | (set.fullCtx ? FULL_CTX : 0) | (s.predicates ? HAS_PREDICATES : 0),
          s.prediction, set.hashCode(),
        ];
        const predicates = s.predicates ?? [];
        row.push(predicates.length);
        for (const p of predicates) row.push(semanticId(p.pred), p.alt);
        const edges: number[] = [];
        s.edges.forEach((to, symbol) => {
          if (to) edges.push(symbol, target(to));
        });
        row.push(edges.length / 2, ...edges);
        return row;
      });
      const configs = states.map((s) => {
        const set = s.configs;
        const words = set.conflictingAlts ? Array.from(set.conflictingAlts['data'] as Uint32Array) : null;
        const head = `${set.uniqueAlt} ${words ? words.join(',') : '-'}`;
        const body = set.configs.map((c) => `${c.state.stateNumber},${c.alt},${contextId(c.context)},${semanticId(c.semanticContext)},`
          + `${(c.reachesIntoOuterContext ? REACHES_INTO_OUTER_CONTEXT : 0) | (c.precedenceFilterSuppressed ? PRECEDENCE_FILTER_SUPPRESSED : 0)}`);
        return `${head}|${body.join(';')}`;
      });
      const start: number[] = [];
      if (dfa.isPrecedenceDfa) {
        dfa.s0?.edges.forEach((s, precedence) => {
          if (s) start.push(precedence, target(s));
        });
      } else if (dfa.s0) {
        start.push(target(dfa.s0));
      }
      decisions.push({ decision: dfa.decision, states: rows, configs, start });
    } catch (error) {
      if (!(error instanceof Unrepresentable)) throw error;
    }
  }
  return { fingerprint: atnFingerprint(), contexts, semantics, decisions };
}

/** The DFA's map from configuration-set hash to state (private in the typings). */
interface DfaInternals {
  states: Map<number, DFAState>;
}

export function loadPredictionSnapshot(snapshot: PredictionSnapshot): boolean {
  if (snapshot.fingerprint !== atnFingerprint()) return false;
  const dfas = sharedDfa();
  const atn = FlinkSqlParser._ATN;

  // Prediction and semantic contexts are only needed to build configurations: built on first use.
  let contexts: PredictionContext[] | undefined;
  const contextTable = (): PredictionContext[] => {
    if (contexts) return contexts;
    contexts = [EmptyPredictionContext.instance];
    for (let k = 1; k < snapshot.contexts.length; k++) {
      const row = snapshot.contexts[k]!;
      if (row[0] !== -1) {
        contexts.push(createSingletonPredictionContext(contexts[row[1]!]!, row[0]!));
      } else {
        const parents: PredictionContext[] = [];
        const returnStates: number[] = [];
        for (let i = 0; i < row[1]!; i++) {
          returnStates.push(row[2 + 2 * i]!);
          parents.push(contexts[row[3 + 2 * i]!]!);
        }
        contexts.push(new ArrayPredictionContext(parents, returnStates));
      }
    }
    return contexts;
  };
  const semantics: SemanticContext[] = snapshot.semantics.map((row, k) =>
    k === 0 ? SemanticContext.NONE
      : row[0] === 1 ? new SemanticContext.PrecedencePredicate(row[1])
        : new SemanticContext.Predicate(row[1], row[2], row[3] === 1));

  const buildConfigs = (flags: number, text: string): ATNConfigSet => {
    const table = contextTable();
    const set = new ATNConfigSet(Boolean(flags & FULL_CTX));
    set.hasSemanticContext = Boolean(flags & HAS_SEMANTIC_CONTEXT);
    set.dipsIntoOuterContext = Boolean(flags & DIPS_INTO_OUTER_CONTEXT);
    const bar = text.indexOf('|');
    const [uniqueAlt, words] = text.slice(0, bar).split(' ');
    set.uniqueAlt = Number(uniqueAlt);
    if (words !== '-') set.conflictingAlts = new BitSet(words!.split(',').map(Number));
    for (const part of text.slice(bar + 1).split(';')) {
      const [state, alt, context, semantic, configFlags] = part.split(',').map(Number) as [number, number, number, number, number];
      const config = ATNConfig.createWithContext(atn.states[state]!, alt, table[context]!, semantics[semantic]);
      config.reachesIntoOuterContext = Boolean(configFlags & REACHES_INTO_OUTER_CONTEXT);
      config.precedenceFilterSuppressed = Boolean(configFlags & PRECEDENCE_FILTER_SUPPRESSED);
      // Configurations of a DFA state are unique by construction: no merge lookup needed.
      set.configs.push(config);
    }
    set.setReadonly(true);
    return set;
  };

  for (const d of snapshot.decisions) {
    const dfa = dfas[d.decision];
    if (!dfa || dfa.getStates().length > 0) continue; // already built in this process: keep it
    const stateMap = (dfa as unknown as DfaInternals).states;
    const states = d.states.map(() => DFAState.fromState(-1));
    d.states.forEach((row, k) => {
      const state = states[k]!;
      const flags = row[0]!;
      state.isAcceptState = Boolean(flags & ACCEPT);
      state.prediction = row[1]!;
      state.requiresFullContext = Boolean(flags & REQUIRES_FULL_CONTEXT);
      const configText = d.configs[k]!;
      // `configs` becomes a plain property the first time it is read.
      Object.defineProperty(state, 'configs', {
        configurable: true,
        enumerable: true,
        get(): ATNConfigSet {
          const configs = buildConfigs(flags, configText);
          Object.defineProperty(state, 'configs', { value: configs, writable: true, configurable: true, enumerable: true });
          return configs;
        },
      });
      let i = 3;
      const predicateCount = row[i++]!;
      if (flags & HAS_PREDICATES) {
        state.predicates = [];
        for (let p = 0; p < predicateCount; p++) state.predicates.push({ pred: semantics[row[i + 2 * p]!]!, alt: row[i + 2 * p + 1]! });
      }
      i += 2 * predicateCount;
      const edgeCount = row[i++]!;
      for (let e = 0; e < edgeCount; e++, i += 2) state.edges[row[i]!] = row[i + 1] === -1 ? ATNSimulator.ERROR : states[row[i + 1]!]!;
      // What dfa.addState does, with the hash from the snapshot instead of hashing the configurations.
      stateMap.set(row[2]!, state);
      state.stateNumber = stateMap.size - 1;
    });
    if (dfa.isPrecedenceDfa) {
      for (let s = 0; s < d.start.length; s += 2) dfa.setPrecedenceStartState(d.start[s]!, states[d.start[s + 1]!]!);
    } else if (d.start.length) {
      dfa.s0 = states[d.start[0]!];
    }
  }
  return true;
}
