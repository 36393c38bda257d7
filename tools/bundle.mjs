// A small ES module linker for the single-file build: follows the static imports from an entry module,
// and writes one script in which each module is a function scope (in dependency order) that returns its
// exports and destructures its imports from the modules before it. acorn parses each module, so every
// import and export form is seen exactly, and the ones this linker does not support (dynamic import,
// re-exports, cycles, bare specifiers) stop the build with the module's name rather than slip through.
import { Parser } from 'acorn';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const parse = (code, file) => {
  try {
    return Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch (e) {
    throw new Error(`${file}: ${e.message}`);
  }
};

/** Visit every node (for import.meta and import()). */
function walk(node, fn) {
  if (!node || typeof node.type !== 'string') return;
  fn(node);
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) for (const c of v) walk(c, fn);
    else if (v && typeof v.type === 'string') walk(v, fn);
  }
}

/**
 * Link `entry` (a path) into one script. `importMeta`: the expression that stands for `import.meta`
 * (the page and its workers pass compiled modules around, so the glue's default URL is never fetched).
 * Returns { code, modules } (modules: the files in the order they run).
 */
export function bundle(entry, { importMeta = '({ url: self.location.href })' } = {}) {
  const mods = new Map(); // abs path → { id, code, deps, exports }
  const order = [];
  const visiting = new Set();
  const load = (file) => {
    file = path.resolve(file);
    if (mods.has(file)) return mods.get(file);
    if (visiting.has(file)) throw new Error(`${file}: import cycle (not supported by the single-file build)`);
    visiting.add(file);
    const src = readFileSync(file, 'utf8');
    const ast = parse(src, file);
    const edits = []; // [start, end, replacement]
    const imports = []; // [module, [[imported, local]]]
    const exports = []; // [exported, local]
    for (const node of ast.body) {
      if (node.type === 'ImportDeclaration') {
        const spec = node.source.value;
        if (!spec.startsWith('./') && !spec.startsWith('../')) throw new Error(`${file}: import of '${spec}' (only relative imports are linked)`);
        const dep = load(path.resolve(path.dirname(file), spec));
        const names = node.specifiers.map((s) => {
          if (s.type === 'ImportNamespaceSpecifier') return ['*', s.local.name];
          if (s.type === 'ImportDefaultSpecifier') return ['default', s.local.name];
          return [s.imported.name ?? s.imported.value, s.local.name];
        });
        for (const [name] of names) if (name !== '*' && !dep.exports.some(([e]) => e === name)) throw new Error(`${file}: '${name}' is not exported by ${spec}`);
        imports.push([dep, names]);
        edits.push([node.start, node.end, '']);
      } else if (node.type === 'ExportNamedDeclaration') {
        if (node.source) throw new Error(`${file}: re-export from '${node.source.value}' (not supported)`);
        if (node.declaration) {
          const d = node.declaration;
          const names = d.type === 'VariableDeclaration' ? d.declarations.map((x) => { if (x.id.type !== 'Identifier') throw new Error(`${file}: destructuring export`); return x.id.name; }) : [d.id.name];
          for (const n of names) exports.push([n, n]);
          edits.push([node.start, d.start, '']);
        } else {
          for (const s of node.specifiers) exports.push([s.exported.name ?? s.exported.value, s.local.name]);
          edits.push([node.start, node.end, '']);
        }
      } else if (node.type === 'ExportDefaultDeclaration') {
        const d = node.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          exports.push(['default', d.id.name]);
          edits.push([node.start, d.start, '']);
        } else {
          exports.push(['default', '__default']);
          edits.push([node.start, d.start, 'const __default = ']);
        }
      } else if (node.type === 'ExportAllDeclaration') {
        throw new Error(`${file}: export * (not supported)`);
      }
    }
    walk(ast, (n) => {
      if (n.type === 'ImportExpression') throw new Error(`${file}: dynamic import() (not supported)`);
      if (n.type === 'MetaProperty' && n.meta.name === 'import') edits.push([n.start, n.end, importMeta]);
    });
    let code = src;
    for (const [s, e, r] of edits.sort((a, b) => b[0] - a[0])) code = code.slice(0, s) + r + code.slice(e);
    const mod = { id: `__m${order.length}_${path.basename(file).replace(/\W/g, '_')}`, file, code, imports, exports };
    visiting.delete(file);
    mods.set(file, mod);
    order.push(mod);
    return mod;
  };
  load(entry);
  const out = order.map((m) => {
    const head = m.imports.map(([dep, names]) => names.map(([imp, local]) =>
      imp === '*' ? `const ${local} = ${dep.id};` : `const ${local} = ${dep.id}[${JSON.stringify(imp)}];`).join('\n')).join('\n');
    const ret = `return Object.freeze({ ${m.exports.map(([e, l]) => `${JSON.stringify(e)}: ${l}`).join(', ')} });`;
    return `// ---- ${path.relative(path.dirname(path.resolve(entry)), m.file)}\nconst ${m.id} = (function () {\n'use strict';\n${head}\n${m.code}\n${ret}\n})();`;
  });
  return { code: out.join('\n'), modules: order.map((m) => m.file) };
}
