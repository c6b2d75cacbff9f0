// Generates the TypeScript parser from the .g4 grammars with antlr-ng (no Java needed).
// Skips the work when the generated files are newer than every grammar. The output directory is
// git-ignored: generated code is never edited by hand, `npm run grammar` reproduces it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const grammarDir = join(root, 'grammars');
const outDir = join(root, 'server/src/languageService/sql/generated');
const grammars = readdirSync(grammarDir).filter((f) => f.endsWith('.g4')).sort();
// Lexer grammars first: the parser imports the lexer's token vocabulary.
grammars.sort((a, b) => Number(b.includes('Lexer')) - Number(a.includes('Lexer')));

if (grammars.length === 0) process.exit(0);
const newestGrammar = Math.max(...grammars.map((g) => statSync(join(grammarDir, g)).mtimeMs));
const outputs = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.ts')) : [];
const oldestOutput = outputs.length ? Math.min(...outputs.map((f) => statSync(join(outDir, f)).mtimeMs)) : 0;
if (!process.argv.includes('--force') && outputs.length && oldestOutput >= newestGrammar) process.exit(0);

const cli = join(root, 'node_modules/antlr-ng/dist/cli/runner.js');
const bin = existsSync(cli) ? [process.execPath, cli] : ['npx', 'antlr-ng'];
execFileSync(bin[0], [...bin.slice(1), '-Dlanguage=TypeScript', '--generate-visitor', 'false',
  '--lib', grammarDir, '-o', outDir, ...grammars.map((g) => join(grammarDir, g))], { stdio: 'inherit', cwd: grammarDir });
console.log(`grammar: generated parser from ${grammars.join(', ')}`);
