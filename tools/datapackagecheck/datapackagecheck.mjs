// Validates an archivio export with the Frictionless Data library for
// JavaScript (datapackage): the data package descriptor, then every
// resource, reading its rows cast to its Table Schema with its foreign
// keys checked. Prints one JSON summary; exits 1 when anything fails.
//
// The library (tableschema 1.x) decodes a CSV file with Node's utf-8
// decoder, which keeps a byte order mark: the first header of the Excel
// variant would read as "\ufeffid". So the export is validated from a
// copy whose CSV files have the mark taken off, and the summary says which
// files had one ("bom"); nothing else is changed.
//
//   node datapackagecheck.mjs EXPORT_DIR
import { Package } from 'datapackage'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'

const source = process.argv[2]
const summary = { valid: false, errors: [], bom: [], resources: {} }
const messages = e => (e.multiple && e.errors ? e.errors.map(x => x.message) : [e.message])
const dir = mkdtempSync(join(tmpdir(), 'datapackagecheck-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
cpSync(source, dir, { recursive: true })
for (const name of readdirSync(dir).filter(n => n.endsWith('.csv'))) {
  const b = readFileSync(join(dir, name))
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    summary.bom.push(name)
    writeFileSync(join(dir, name), b.subarray(3))
  }
}
try {
  const pkg = await Package.load(join(dir, 'datapackage.json'), { basePath: dir, strict: false })
  summary.valid = pkg.valid
  summary.errors.push(...pkg.errors.map(e => e.message))
  for (const res of pkg.resources) {
    const r = { valid: res.valid, errors: res.errors.map(e => e.message), rows: 0, headers: [], first: null }
    summary.resources[res.name] = r
    if (!res.tabular) continue
    try {
      const rows = await res.read({ keyed: true, cast: true, relations: true })
      r.rows = rows.length
      r.first = rows[0] ?? null
      r.headers = res.headers ?? []
    } catch (e) {
      r.errors.push(...messages(e))
    }
    if (r.errors.length) summary.errors.push(...r.errors.map(m => `${res.name}: ${m}`))
  }
} catch (e) {
  summary.errors.push(...messages(e))
}
console.log(JSON.stringify(summary))
if (!summary.valid || summary.errors.length) process.exit(1)
