// Reads every .parquet file of an archivio export with hyparquet, an
// independent Parquet reader, and checks that each has the rows the
// export's manifest.json says. Prints one JSON summary; exits 1 on a
// mismatch or a file it cannot read.
//
//   node parquetcheck.mjs EXPORT_DIR
import { parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync } from 'fs'
import { join } from 'path'

const dir = process.argv[2]
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const summary = { files: 0, rows: {}, errors: [] }
for (const f of manifest.files.filter(f => f.path.endsWith('.parquet'))) {
  try {
    const buf = readFileSync(join(dir, f.path))
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
    const rows = await parquetReadObjects({ file, compressors })
    summary.files++
    summary.rows[f.path] = rows.length
    if (rows.length !== (f.rows ?? 0)) summary.errors.push(`${f.path}: ${rows.length} rows, manifest says ${f.rows}`)
  } catch (e) {
    summary.errors.push(`${f.path}: ${e.message}`)
  }
}
console.log(JSON.stringify(summary))
if (summary.errors.length || summary.files === 0) process.exit(1)
