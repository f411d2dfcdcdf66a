#!/usr/bin/env node
/**
 * Prints the longest functions (in lines) of the TypeScript sources, for keeping functions small:
 *   node scripts/largest-functions.mjs [--top=10] [dir…]   (default: functions/src hosting/src)
 * Counts every function-like node (declarations, methods, arrows, function expressions), so an
 * arrow inside a function is counted on its own and also inside its parent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './lib.mjs';

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 10);
const dirs = args.filter((a) => !a.startsWith('--'));
const roots = (dirs.length > 0 ? dirs : ['functions/src', 'hosting/src']).map((d) => join(ROOT, d));

const files = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });

const found = [];
for (const file of roots.flatMap(files)) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
      const end = src.getLineAndCharacterOfPosition(node.getEnd()).line;
      let name = node.name?.getText(src);
      if (!name && ts.isVariableDeclaration(node.parent)) name = node.parent.name.getText(src);
      if (!name && ts.isPropertyAssignment(node.parent)) name = node.parent.name.getText(src);
      found.push({ lines: end - start + 1, where: `${relative(ROOT, file)}:${start + 1}`, name: name ?? '(anonymous)' });
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
}
found.sort((a, b) => b.lines - a.lines);
for (const f of found.slice(0, top)) console.log(`${String(f.lines).padStart(5)}  ${f.name}  ${f.where}`);
