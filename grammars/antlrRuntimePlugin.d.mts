// Types of antlrRuntimePlugin.mjs (for the TypeScript tests that import it).
import type { Plugin } from 'esbuild';

export interface RuntimePatch {
  name: string;
  applies(source: string): boolean;
  apply(source: string): string;
}
export declare const RUNTIME_PATCHES: readonly RuntimePatch[];
export declare function patchAntlrRuntime(source: string): { source: string; skipped: string[] };
export declare const antlrRuntimePlugin: Plugin;
