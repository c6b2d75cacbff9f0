// Generates the TypeScript parser from the .g4 grammars with antlr-ng (no Java needed).
// Skips the work when the generated files are newer than every grammar. Then builds the parser's
// prediction snapshot (capturePredictionSnapshot.mjs). The output directory is
// git-ignored: generated code is never edited by hand, `npm run grammar` reproduces it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capturePredictionSnapshot } from './capturePredictionSnapshot.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const grammarDir = join(root, 'grammars');
const outDir = join(root, 'server/src/languageService/sql/generated');
const grammars = readdirSync(grammarDir).filter((f) => f.endsWith('.g4')).sort();
// Lexer grammars first: the parser imports the lexer's token vocabulary.
grammars.sort((a, b) => Number(b.includes('Lexer')) - Number(a.includes('Lexer')));

if (grammars.length === 0) process.exit(0);
const newestGrammar = Math.max(...grammars.map((g) => statSync(join(grammarDir, g)).mtimeMs));
const outputs = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.ts') && f !== 'predictionSnapshot.ts') : [];
const oldestOutput = outputs.length ? Math.min(...outputs.map((f) => statSync(join(outDir, f)).mtimeMs)) : 0;
const upToDate = !process.argv.includes('--force') && outputs.length && oldestOutput >= newestGrammar;
if (!upToDate) generateParser();
// Then the parser's prediction snapshot (its own up-to-date check).
await capturePredictionSnapshot({ force: process.argv.includes('--force') });

function generateParser() {
  const cli = join(root, 'node_modules/antlr-ng/dist/cli/runner.js');
  const bin = existsSync(cli) ? [process.execPath, cli] : ['npx', 'antlr-ng'];
  // antlr-ng exits with 0 even when a grammar has errors: look at its output instead, and never
  // leave a half-generated parser behind looking valid.
  let output = '';
  try {
    output = execFileSync(bin[0], [...bin.slice(1), '-Dlanguage=TypeScript', '--generate-visitor', 'false',
      '--lib', grammarDir, '-o', outDir, ...grammars.map((g) => join(grammarDir, g))],
    { cwd: grammarDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
    process.exitCode = 1;
  }
  if (output.trim()) process.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
  if (process.exitCode === 1 || /\berror\(\d+\)/.test(output)) {
    for (const f of existsSync(outDir) ? readdirSync(outDir) : []) rmSync(join(outDir, f), { force: true });
    console.error('grammar: generation failed (see the errors above); the generated parser was removed');
    process.exit(1);
  }
  console.log(`grammar: generated parser from ${grammars.join(', ')}`);
}
