// Table ownership, checked beside the import boundaries: every table is
// declared in exactly one module's `<module>.schema.ts`, and raw SQL in a
// module names only that module's own tables. (Query-builder access needs
// the schema file, which the import rules already keep private.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Tables outside our schema files, and who owns them: pg-boss's schema belongs to the queue adapter. */
const foreignSchemas = { pgboss: 'jobs' };

/** Files are named as under src/ (`src/<module>/…`), wherever the tree is. */
const moduleOf = (file) => file.name.split('/')[1];

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** table name → owning module, read from every `pgTable('name'` in the schema files. */
export function readOwners(files) {
  const owners = new Map();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    for (const m of text.matchAll(/pgTable\(\s*'([a-z_]+)'/g)) {
      const expected = `src/${moduleOf(file)}/${moduleOf(file)}.schema.ts`;
      if (file.name !== expected) problems.push(`${file.name} declares table ${m[1]}: tables live in the module's ${expected}`);
      if (owners.has(m[1])) problems.push(`table ${m[1]} is declared twice (${owners.get(m[1])} and ${moduleOf(file)})`);
      owners.set(m[1], moduleOf(file));
    }
  }
  return { owners, problems };
}

/** The text of every SQL literal in a file: sql`…` templates, sql.raw('…') and executeSql('…') arguments. */
function sqlTexts(file) {
  const source = ts.createSourceFile(file.name, readFileSync(file.path, 'utf8'), ts.ScriptTarget.Latest, true);
  const texts = [];
  const literal = (node) => {
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => ` $x ${s.literal.text}`)].join('');
    return null;
  };
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'sql') {
      const text = literal(node.template);
      if (text !== null) texts.push(text);
    }
    if (ts.isCallExpression(node) && /(^sql\.raw|executeSql)$/.test(node.expression.getText(source))) {
      for (const arg of node.arguments) {
        const text = literal(arg);
        if (text !== null) texts.push(text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

const TABLE_REFERENCE = /\b(?:from|join|into|update|exists)\s+"?(?:([a-z_]+)"?\.)?"?([a-z_]+)"?/gi;

/** Raw SQL in module `m` that names a table of another module. */
export function findForeignSql(files, owners) {
  const problems = [];
  for (const file of files) {
    const mine = moduleOf(file);
    for (const text of sqlTexts(file)) {
      for (const [, schema, name] of text.matchAll(TABLE_REFERENCE)) {
        const owner = schema ? foreignSchemas[schema.toLowerCase()] : owners.get(name.toLowerCase());
        if (owner && owner !== mine)
          problems.push(`${file.name}: raw SQL names ${schema ? `${schema}.` : ''}${name}, a table of ${owner}/`);
      }
    }
  }
  return problems;
}

/** Runs both checks over src/ (tests excluded: they may look at any row). */
export function checkTableOwners(root = 'src') {
  const files = sourceFiles(root)
    .map((path) => ({ path, name: `src/${relative(root, path).replaceAll('\\', '/')}` }))
    .filter((f) => !/\.test\.ts$/.test(f.name) && !f.name.includes('/migrations/'));
  const { owners, problems } = readOwners(files);
  if (owners.size === 0) problems.push('no tables found: the schema files were not read');
  return { owners, problems: [...problems, ...findForeignSql(files, owners)] };
}
