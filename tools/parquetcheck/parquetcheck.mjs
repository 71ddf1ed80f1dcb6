// Reads every .parquet file of an archivio export with hyparquet, an
// independent Parquet reader, and checks that each has the rows the
// export's manifest.json says. Prints one JSON summary; exits 1 on a
// mismatch or a file it cannot read.
//
// With --schema the summary also gives, per file, its top-level columns
// in file order (name, repetition, physical, converted and logical types,
// and for a LIST column its element's) and its rows as read, for tests
// that check column order, LIST columns and values.
//
//   node parquetcheck.mjs EXPORT_DIR [--schema]
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync } from 'fs'
import { join } from 'path'

const dir = process.argv[2]
const withSchema = process.argv.includes('--schema')
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const summary = { files: 0, rows: {}, errors: [] }
if (withSchema) {
  summary.columns = {}
  summary.data = {}
}

// describe is a schema element as the summary gives it.
const describe = e => ({
  name: e.name,
  repetition: e.repetition_type,
  type: e.type ?? null,
  converted: e.converted_type ?? null,
  logical: e.logical_type?.type ?? null,
})

// column is a top-level column of the schema tree, with its element for a
// LIST (the LIST group's repeated group's only child).
const column = node => {
  const c = describe(node.element)
  if (c.logical === 'LIST' || c.converted === 'LIST') {
    const repeated = node.children[0]
    c.element = repeated.children.length === 1 ? describe(repeated.children[0].element) : null
  }
  return c
}

// plain makes values JSON can carry: BigInt as numbers, dates as ISO text.
const plain = (_, v) => (typeof v === 'bigint' ? Number(v) : v)

for (const f of manifest.files.filter(f => f.path.endsWith('.parquet'))) {
  try {
    const buf = readFileSync(join(dir, f.path))
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
    const rows = await parquetReadObjects({ file, compressors })
    summary.files++
    summary.rows[f.path] = rows.length
    if (rows.length !== (f.rows ?? 0)) summary.errors.push(`${f.path}: ${rows.length} rows, manifest says ${f.rows}`)
    if (withSchema) {
      summary.columns[f.path] = parquetSchema(parquetMetadata(file)).children.map(column)
      summary.data[f.path] = JSON.parse(JSON.stringify(rows, plain))
    }
  } catch (e) {
    summary.errors.push(`${f.path}: ${e.message}`)
  }
}
console.log(JSON.stringify(summary))
if (summary.errors.length || summary.files === 0) process.exit(1)
