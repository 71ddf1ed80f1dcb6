// Checks a WACZ package (WACZ 1.1.1) with readers independent of archivio:
// yauzl reads the ZIP, warcio.js the WARC records. Prints one JSON summary
// and exits 1 when anything is wrong.
//
//   node waczcheck.mjs archivio.wacz
import { createHash } from "node:crypto";
import yauzl from "yauzl";
import { WARCParser } from "warcio";

const file = process.argv[2];
const problems = [];
const bad = (msg) => problems.push(msg);

const open = (p) => new Promise((ok, ko) => yauzl.open(p, { lazyEntries: true, autoClose: false }, (e, z) => (e ? ko(e) : ok(z))));
const entries = (zip) => new Promise((ok, ko) => {
  const out = [];
  zip.on("entry", (e) => { out.push(e); zip.readEntry(); });
  zip.on("end", () => ok(out));
  zip.on("error", ko);
  zip.readEntry();
});
const read = (zip, entry) => new Promise((ok, ko) => zip.openReadStream(entry, (e, s) => {
  if (e) return ko(e);
  const parts = [];
  s.on("data", (d) => parts.push(d));
  s.on("end", () => ok(Buffer.concat(parts)));
  s.on("error", ko);
}));
const sha256 = (b) => "sha256:" + createHash("sha256").update(b).digest("hex");
const b32 = (buf) => { const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; let bits = 0, v = 0, out = "";
  for (const b of buf) { v = (v << 8) | b; bits += 8; while (bits >= 5) { out += A[(v >>> (bits - 5)) & 31]; bits -= 5; } }
  return bits > 0 ? out + A[(v << (5 - bits)) & 31] : out; };

const zip = await open(file);
const list = await entries(zip);
const byName = new Map(list.map((e) => [e.fileName, e]));
const data = new Map();
for (const e of list) data.set(e.fileName, await read(zip, e));
zip.close();

for (const need of ["datapackage.json", "datapackage-digest.json", "pages/pages.jsonl"]) {
  if (!byName.has(need)) bad(`missing ${need}`);
}
const warcs = list.filter((e) => e.fileName.startsWith("archive/"));
const indexes = list.filter((e) => e.fileName.startsWith("indexes/"));
if (warcs.length === 0) bad("no WARC file in archive/");
if (indexes.length === 0) bad("no index in indexes/");
for (const e of warcs) {
  if (!/\.warc(\.gz)?$/.test(e.fileName)) bad(`${e.fileName}: not a .warc or .warc.gz name`);
  if (e.compressionMethod !== 0) bad(`${e.fileName}: compressed in the ZIP (method ${e.compressionMethod}), not stored`);
}

// datapackage.json and its digest: every resource's hash and size.
let pkg = {};
try { pkg = JSON.parse(data.get("datapackage.json")); } catch (e) { bad(`datapackage.json: ${e.message}`); }
if (pkg.profile !== "data-package") bad(`datapackage.json: profile ${pkg.profile}`);
if (!pkg.wacz_version) bad("datapackage.json: no wacz_version");
let hashesChecked = 0;
const listed = new Set();
for (const r of pkg.resources || []) {
  listed.add(r.path);
  const b = data.get(r.path);
  if (!b) { bad(`resource ${r.path} is not in the ZIP`); continue; }
  if (b.length !== r.bytes) bad(`${r.path}: ${b.length} bytes, datapackage.json says ${r.bytes}`);
  if (sha256(b) !== r.hash) bad(`${r.path}: hash ${sha256(b)}, datapackage.json says ${r.hash}`);
  hashesChecked++;
}
for (const e of list) {
  if (!listed.has(e.fileName) && !e.fileName.startsWith("datapackage")) bad(`${e.fileName} is not listed in datapackage.json`);
}
let digest = {};
try { digest = JSON.parse(data.get("datapackage-digest.json")); } catch (e) { bad(`datapackage-digest.json: ${e.message}`); }
if (digest.path !== "datapackage.json") bad(`datapackage-digest.json: path ${digest.path}`);
if (digest.hash !== sha256(data.get("datapackage.json") || Buffer.alloc(0))) bad("datapackage-digest.json: the hash of datapackage.json differs");
else hashesChecked++;

// Every index line points at a record of its URL whose payload digest holds.
const indexed = new Set();
let lines = 0, records = 0, payloads = 0, prev = "";
for (const e of indexes) {
  for (const line of data.get(e.fileName).toString("utf8").split("\n")) {
    if (!line) continue;
    lines++;
    if (line < prev) bad(`${e.fileName}: not sorted at line ${lines}`);
    prev = line;
    const sp = line.indexOf(" "), sp2 = line.indexOf(" ", sp + 1);
    let f;
    try { f = JSON.parse(line.slice(sp2 + 1)); } catch (err) { bad(`${e.fileName} line ${lines}: ${err.message}`); continue; }
    indexed.add(f.url);
    const warc = data.get("archive/" + f.filename);
    if (!warc) { bad(`line ${lines}: ${f.filename} is not in archive/`); continue; }
    const off = Number(f.offset), len = Number(f.length);
    const slice = warc.subarray(off, off + len);
    try {
      const parser = new WARCParser((async function* () { yield slice; })());
      const r = await parser.parse();
      if (!r) { bad(`line ${lines}: no record at ${f.filename}:${off}`); continue; }
      records++;
      if (r.warcType !== "response" && r.warcType !== "revisit") bad(`line ${lines}: a ${r.warcType} record`);
      const uri = (r.warcTargetURI || "").replace(/^<|>$/g, "");
      if (uri !== f.url) bad(`line ${lines}: record of ${uri}, index says ${f.url}`);
      const payload = await r.readFully(false);
      if (r.warcType === "response" && f.digest) {
        const got = "sha1:" + b32(createHash("sha1").update(payload).digest());
        if (got.toUpperCase() !== f.digest.toUpperCase()) bad(`line ${lines}: payload ${got}, index says ${f.digest}`);
        else payloads++;
      }
    } catch (err) { bad(`line ${lines} (${f.filename}:${off}): ${err.message}`); }
  }
}

// pages.jsonl: a header, then pages with a URL, an RFC 3339 time and a title, each indexed.
const pageLines = (data.get("pages/pages.jsonl") || Buffer.alloc(0)).toString("utf8").split("\n").filter(Boolean);
let pages = 0;
pageLines.forEach((l, i) => {
  let p;
  try { p = JSON.parse(l); } catch (err) { bad(`pages.jsonl line ${i + 1}: ${err.message}`); return; }
  if (i === 0) { if (p.format !== "json-pages-1.0") bad(`pages.jsonl: header ${l}`); return; }
  pages++;
  if (!p.url || !p.ts || Number.isNaN(Date.parse(p.ts)) || !/Z$|[+-]\d\d:\d\d$/.test(p.ts)) bad(`pages.jsonl line ${i + 1}: url or ts missing or malformed`);
  if (!p.title) bad(`pages.jsonl line ${i + 1}: no title`);
  if (!indexed.has(p.url)) bad(`pages.jsonl line ${i + 1}: ${p.url} is not in the index`);
});

console.log(JSON.stringify({ file, entries: list.length, warcs: warcs.length, hashesChecked, indexLines: lines, recordsRead: records, payloadDigestsChecked: payloads, pages, problems }));
process.exit(problems.length ? 1 : 0);
