// esbuild plugin for the bundled antlr4ng runtime: turns the class FIELDS of ParserRuleContext
// into plain assignments in its constructor.
//
// WHY: every generated rule context (hundreds of subclasses) runs ParserRuleContext's field
// initializers. Class fields use define-semantics, and with that many receiver shapes V8's
// define-own-property inline caches go megamorphic and fall back to the runtime: profiling showed
// a third of all parse time in that one initializer. Plain assignments keep the same behaviour
// (same properties, same initial values) at a fraction of the cost. If the runtime's source ever
// changes shape, the plugin leaves it untouched and says so (correct, just slower).
import { readFile } from 'node:fs/promises';

const FIELD_BLOCK =
  /( {2}start = null;\n {2}stop = null;\n {2}children = \[\];\n)((?:\s*\/\*\*[\s\S]*?\*\/\n)?\s*invokingState;\n(?:\s*\/\*\*[\s\S]*?\*\/\n)?\s*parent;\n(?:\s*\/\*\*[\s\S]*?\*\/\n)?)( {2}constructor\(parent, invokingStateNumber = -1\) \{\n)/;

/** Rewrites the runtime source; returns null when the expected shape is not found. */
export function patchAntlrRuntime(source) {
  if (!FIELD_BLOCK.test(source)) return null;
  return source.replace(FIELD_BLOCK, (_all, _fields, _declarations, constructor) =>
    `${constructor}    this.start = null;\n    this.stop = null;\n    this.children = [];\n    this.invokingState = void 0;\n    this.parent = void 0;\n`);
}

export const antlrRuntimePlugin = {
  name: 'antlr4ng-context-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]antlr4ng[\\/]dist[\\/]index\.(mjs|cjs)$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = patchAntlrRuntime(source);
      if (patched === null) {
        return { contents: source, loader: 'js', warnings: [{ text: 'antlr4ng: ParserRuleContext fields not found; parsing will be slower (see grammars/antlrRuntimePlugin.mjs)' }] };
      }
      return { contents: patched, loader: 'js' };
    });
  },
};
