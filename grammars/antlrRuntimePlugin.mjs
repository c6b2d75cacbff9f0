// esbuild plugin for the bundled antlr4ng runtime: a few behaviour-preserving edits of hot code.
//
// 1. ParserRuleContext's class FIELDS become plain assignments in its constructor.
//    WHY: every generated rule context (hundreds of subclasses) runs ParserRuleContext's field
//    initializers. Class fields use define-semantics, and with that many receiver shapes V8's
//    define-own-property inline caches go megamorphic and fall back to the runtime: profiling showed
//    a third of all parse time in that one initializer. Plain assignments keep the same behaviour
//    (same properties, same initial values) at a fraction of the cost.
// 2. ParserATNSimulator.adaptivePredict replaces its merge cache after every prediction, even when
//    nothing was put into it (predictions answered by the DFA, nearly all of them, never touch it):
//    two allocations per prediction. It is now replaced only when not empty (an empty cache is what
//    a new one is). Measured: ~13% of the time to check a 5,000-line script.
// 3. ParserRuleContext.copyFrom (run for every labelled alternative) copied the children array and
//    threw the copy away, and iterated with a closure: the copy is dropped, the loop is plain.
//
// If the runtime's source ever changes shape, a patch that no longer applies is skipped with a
// warning (correct, just slower); the others still apply.
import { readFile } from 'node:fs/promises';

const CONTEXT_FIELDS =
  /( {2}start = null;\n {2}stop = null;\n {2}children = \[\];\n)((?:\s*\/\*\*[\s\S]*?\*\/\n)?\s*invokingState;\n(?:\s*\/\*\*[\s\S]*?\*\/\n)?\s*parent;\n(?:\s*\/\*\*[\s\S]*?\*\/\n)?)( {2}constructor\(parent, invokingStateNumber = -1\) \{\n)/;

const COPY_FROM = `    this.children.slice(0, this.children.length);
    this.start = ctx.start;
    this.stop = ctx.stop;
    if (ctx.children) {
      ctx.children.forEach((child) => {
        if (child instanceof ErrorNode) {
          this.children.push(child);
          child.parent = this;
        }
      });
    }`;

/** Each patch: a name, whether it applies to `source`, and the rewrite. */
export const RUNTIME_PATCHES = [
  {
    name: 'ParserRuleContext fields',
    applies: (source) => CONTEXT_FIELDS.test(source),
    apply: (source) => source.replace(CONTEXT_FIELDS, (_all, _fields, _declarations, constructor) =>
      `${constructor}    this.start = null;\n    this.stop = null;\n    this.children = [];\n    this.invokingState = void 0;\n    this.parent = void 0;\n`),
  },
  {
    name: 'adaptivePredict merge cache',
    applies: (source) => source.split('this.mergeCache = new DoubleDict();').length === 2 && source.includes('  get isEmpty() {'),
    apply: (source) => source.replace('this.mergeCache = new DoubleDict();', 'if (!this.mergeCache.cacheMap.isEmpty) this.mergeCache = new DoubleDict();'),
  },
  {
    name: 'ParserRuleContext.copyFrom',
    applies: (source) => source.includes(COPY_FROM),
    apply: (source) => source.replace(COPY_FROM, `    this.start = ctx.start;
    this.stop = ctx.stop;
    const children = ctx.children;
    if (children) {
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (child instanceof ErrorNode) {
          this.children.push(child);
          child.parent = this;
        }
      }
    }`),
  },
];

/** Rewrites the runtime source; returns the new source and the names of patches that did not apply. */
export function patchAntlrRuntime(source) {
  let patched = source;
  const skipped = [];
  for (const patch of RUNTIME_PATCHES) {
    if (patch.applies(patched)) patched = patch.apply(patched);
    else skipped.push(patch.name);
  }
  return { source: patched, skipped };
}

export const antlrRuntimePlugin = {
  name: 'antlr4ng-runtime-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/]antlr4ng[\\/]dist[\\/]index\.(mjs|cjs)$/ }, async (args) => {
      const { source, skipped } = patchAntlrRuntime(await readFile(args.path, 'utf8'));
      const warnings = skipped.map((name) => ({ text: `antlr4ng: patch "${name}" no longer applies; parsing will be slower (see grammars/antlrRuntimePlugin.mjs)` }));
      return { contents: source, loader: 'js', warnings };
    });
  },
};
