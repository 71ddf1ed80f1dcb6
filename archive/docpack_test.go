package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// record141 is the document of the fullest record as the parser writes it
// (no raw texts), the benchmark site's page.
const record141 = `{"id":141,"url":"https://www.osservatoriopartecipazione.it/scheda-processo/141","title":"La fabbrica delle idee. Progetti per rilanciare il distretto ceramico","region":"Regione Emilia-Romagna","certified":false,"financed":false,"status":"Concluso","website":null,"logo":null,"nature":"Processo non certificato","certification_year":null,"funding_year":null,"grant_eur":null,"cofunding":null,"cofunding_percent":null,"total_cost_eur":null,"start_year":null,"end_year":2011,"start_date":null,"end_date":null,"duration_months":12,"extension_granted":null,"guarantee_committee":null,"guarantee_committee_functions":null,"guarantee_committee_other_functions":null,"responsible_unit":null,"address":null,"negotiation_table":null,"decision_makers":["Comune di Fiorano Modenese"],"grant_beneficiary":null,"external_parties":["Comune di Formigine","Comune di Maranello","Comune di Sassuolo","Focus Lab"],"participants":["Singoli cittadini"],"territory":["Fiorano Modenese"],"impact_map":"https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg","scope":null,"theme":null,"participation_type":"Partecipazione volontaria","codecision":false,"participants_count":null,"women_present":null,"gender_prevalence":null,"work_life_balance":null,"process_design":null,"phases":"Il percorso di consultazione-confronto-progettazione intersettoriale prevede diversi livelli di attività e fasi di lavoro","digital_tools":null,"professional_roles":["Facilitatori (Esterni)"],"techniques":["Interviste e questionari strutturati","OST (Open Space Technology)","Barcamp"],"objectives":"La Fabbrica delle Idee è un laboratorio-percorso di confronto intersettoriale per generare idee e proposte progettuali di rilancio del Distretto ceramico.","expected_results":"Attraverso il laboratorio-percorso, ci si attende di: stimolare l'uscita da una situazione di crisi economica e sociale","proposal_documents_approved":false,"results":"Elaborazione Piano di Azione Fabrica delle Idee","participation_index":17,"participation_index_max":30,"participation_level":"CONSULTAZIONE","reported_by":"Osservatorio Partecipazione","source_notes":"Il sito http://www.fabbricaideedistretto.it da cui sono state tratte le informazioni sul processo non è più disponibile","last_modified":"2020-02-15","links":[{"url":"https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg","field":"impact_map","source":"href","declared_gone":false},{"url":"http://www.fabbricaideedistretto.it","field":"source_notes","source":"text","declared_gone":true}],"warnings":[]}`

// TestDocPack: a packed document unpacks to the same bytes; JSON text
// stored before packing reads as itself; a damaged one is an error.
func TestDocPack(t *testing.T) {
	c := &docCodec{}
	for _, doc := range []string{record141, `{}`, `{"title":"\u003cb\u003e \"x\" \\ è ☃ 𝄞","n":1e-7}`,
		`{"objectives":"` + strings.Repeat("Coinvolgere la cittadinanza. ", 3000) + `"}`} {
		packed, err := c.pack([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if packed[0] != docDeflate1 {
			t.Errorf("packed %.20q: format byte %d", doc, packed[0])
		}
		// Twice, so that a reused decompressor is used too.
		for range 2 {
			got, err := c.unpack(packed)
			if err != nil || string(got) != doc {
				t.Fatalf("unpack(pack(%.40q)) = %.40q, %v", doc, got, err)
			}
		}
		if got, err := c.unpack([]byte(doc)); err != nil || string(got) != doc {
			t.Errorf("unpack of JSON text %.40q = %.40q, %v", doc, got, err)
		}
	}
	packed, _ := c.pack([]byte(record141))
	if len(packed)*5/2 > len(record141) {
		t.Errorf("record 141: %d bytes packed from %d; want at most 40%%", len(packed), len(record141))
	}
	for name, bad := range map[string][]byte{
		"cut short":   packed[:len(packed)/2],
		"bytes after": append(slices.Clone(packed), 0, 0),
		"garbage":     {docDeflate1, 0xff, 0xff, 0xff},
	} {
		if _, err := c.unpack(bad); !errors.Is(err, errPackedDoc) {
			t.Errorf("%s: %v, want errPackedDoc", name, err)
		}
	}
}

// TestDocDictFrozen: the dictionary is part of the stored format. Changing
// it would make every document packed with it unreadable: a new
// dictionary is a new format byte.
func TestDocDictFrozen(t *testing.T) {
	sum := sha256.Sum256([]byte(docDict1))
	if got := hex.EncodeToString(sum[:]); got != docDict1SHA256 {
		t.Errorf("docDict1 changed: sha256 %s, want %s", got, docDict1SHA256)
	}
}

const docDict1SHA256 = "77c4b751da94ed19d6ba44e76246a7c47bab54f15a84fcd5113fdfdd15cbe614"

// TestMigrationPacksDocuments: a catalog made by the schema before step 13
// (documents as JSON text, summaries by a trigger, links in a table with
// a rowid, search texts in full) is converted without loss by the steps
// after it: every version reads back byte for byte, the summaries, the
// text searched, the link inventory and the links cited are the same,
// and every document is stored packed, smaller.
func TestMigrationPacksDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := storeAtStep(t, dir, 12)
	old := st.db
	docs := map[int][]string{
		141: {strings.Replace(record141, "La fabbrica", "Il laboratorio", 1), record141},
		7:   {`{"id":7,"title":"Piazza \u003cnuova\u003e","status":"In corso","start_date":"2019-03-01","territory":["Carpi","Modena"],"certified":true,"links":[{"url":"https://x.example/gone","field":"website","source":"href","declared_gone":true}],"warnings":[]}`},
	}
	n := 0
	for _, id := range []int{7, 141} {
		for v, doc := range docs[id] {
			n++
			at := FormatTime(time.Date(2025, 1, n, 0, 0, 0, 0, time.UTC))
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO captures (id, url, fetched_at, status, payload_digest, payload_length, warc_file, warc_offset, warc_length, warc_record_id)
					VALUES (?, ?, ?, 200, 'sha1:X', 1, 'f.warc.gz', ?, 1, '<urn:uuid:x>')`, []any{n, fmt.Sprint("https://x/scheda-processo/", id), at, n}},
				{`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, last_seen = excluded.last_seen`,
					[]any{id, fmt.Sprint("https://x/scheda-processo/", id), at, at, v + 1}},
				{`INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
					VALUES (?, ?, ?, 'scheda/1', ?, ?, '[]')`, []any{id, v + 1, n, at, doc}},
			} {
				if _, err := old.ExecContext(ctx, q.sql, q.args...); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// The link inventory as the crawl kept it: the links the latest
	// versions cite.
	if _, err := old.ExecContext(ctx, `INSERT INTO links (url, first_seen, state)
		SELECT DISTINCT json_extract(l.value, '$.url'), r.first_seen, 'down' FROM records r
		JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version, json_each(v.data, '$.links') l`); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `INSERT INTO link_refs (url, record_id, field, source, declared_gone)
		SELECT json_extract(l.value, '$.url'), r.id, json_extract(l.value, '$.field'), json_extract(l.value, '$.source'), json_extract(l.value, '$.declared_gone')
		FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version, json_each(v.data, '$.links') l`); err != nil {
		t.Fatal(err)
	}
	// This archivio's readers of documents name a capture's WARC file
	// through warc_files (migration 18): the catalog at step 12 is read
	// with an empty one beside it, on the one connection the test reads
	// with, gone when it closes.
	old.SetMaxOpenConns(1)
	if _, err := old.ExecContext(ctx, `CREATE TEMP TABLE warc_files (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		t.Fatal(err)
	}
	before := catalogDump(t, st, `search`)
	links, err := st.LinksAsOf(ctx, time.Now())
	if err != nil || len(links) != 3 {
		t.Fatalf("links before: %v %v", links, err)
	}
	old.Close()

	st, err = Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if after := catalogDump(t, st, `lower(title) || ' | ' || lower(territory) || ' | ' || search`); after != before {
		t.Errorf("after the steps:\n%s\nbefore:\n%s", after, before)
	}
	var foreignKeys int
	if err := st.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&foreignKeys); err != nil || foreignKeys != 1 {
		t.Errorf("foreign keys %d after the steps, %v", foreignKeys, err)
	}
	if got, err := st.LinkRecords(ctx, "https://x.example/gone"); err != nil || len(got) != 1 || got[0].ID != 7 || got[0].Title != "Piazza <nuova>" {
		t.Errorf("records citing a link: %+v %v", got, err)
	}
	if got, err := st.LinksAsOf(ctx, time.Now()); err != nil || fmt.Sprint(got) != fmt.Sprint(links) {
		t.Errorf("links after the steps: %v %v; before %v", got, err, links)
	}
	var texts, stored int
	if err := st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_versions WHERE typeof(data) <> 'blob'`).Scan(&texts); err != nil || texts != 0 {
		t.Errorf("%d documents not packed, %v", texts, err)
	}
	if err := st.db.QueryRowContext(ctx, `SELECT SUM(length(data)) FROM record_versions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if all := len(docs[7][0]) + len(docs[141][0]) + len(docs[141][1]); stored*2 > all {
		t.Errorf("%d bytes stored for %d of documents", stored, all)
	}
	// A version written now has the summary the trigger made of the
	// same document.
	for _, id := range []int{7, 141} {
		latest := docs[id][len(docs[id])-1]
		if _, err := st.ApplyRecord(ctx, ParsedRecord{ID: 1000 + id, URL: "https://x/new", Data: []byte(latest), ParserVersion: "scheda/1"},
			newCapture(t, st, int64(100+id)), time.Now()); err != nil {
			t.Fatal(err)
		}
		const cols = `title, status, nature, year, territory, certified, financed, search`
		var was, now string
		for at, out := range map[int]*string{id: &was, 1000 + id: &now} {
			if err := st.db.QueryRowContext(ctx, `SELECT json_array(`+cols+`) FROM record_summaries WHERE record_id = ?`, at).Scan(out); err != nil {
				t.Fatal(err)
			}
		}
		if was != now || !strings.Contains(was, "|") {
			t.Errorf("summary of record %d's document: %s; made by the trigger: %s", id, now, was)
		}
	}
	for id, want := range docs {
		vs, err := st.RecordVersions(ctx, id)
		if err != nil || len(vs) != len(want) {
			t.Fatalf("record %d: %v %v", id, vs, err)
		}
		for i, v := range vs {
			if string(v.Data) != want[i] {
				t.Errorf("record %d version %d: %s", id, v.Version, v.Data)
			}
		}
	}
}

// catalogDump is the record versions and the link inventory as the
// catalog's contract reads them (TableRows) and the browse summaries with
// the text searched (the SQL expression searched), as text.
func catalogDump(t *testing.T, st *Store, searched string) string {
	t.Helper()
	ctx := context.Background()
	var b bytes.Buffer
	for _, table := range []string{"records", "record_versions", "links", "link_refs"} {
		var rows []string
		if err := tableRowsAt(ctx, st, table, func(cols []string, vals []any) error {
			var r strings.Builder
			for i, v := range vals {
				if s, ok := v.([]byte); ok {
					v = string(s)
				}
				fmt.Fprintf(&r, "%s=%v ", cols[i], v)
			}
			rows = append(rows, r.String())
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(rows)
		fmt.Fprintf(&b, "%s:\n%s\n", table, strings.Join(rows, "\n"))
	}
	rows, err := st.db.QueryContext(ctx, `SELECT record_id, version, capture_id, archivio_time(changed_at), title, status, nature, year, territory,
		certified, financed, `+searched+` FROM record_summaries ORDER BY record_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	return b.String()
}

// FuzzDocUnpack: whatever bytes a damaged catalog holds in place of a
// document, unpacking returns them (not packed), the document or an error,
// never a panic, in either format (format 2 against a page, which is
// read only for a header that asks for no more than it has); and any text
// packed, against the field names or against a page, unpacks to itself.
func FuzzDocUnpack(f *testing.F) {
	c := &docCodec{}
	page := []byte(`<html><head><title>La fabbrica delle idee</title><script>var x="<p>";</script></head>` +
		`<body><h1>La fabbrica delle idee. Progetti per rilanciare il distretto ceramico</h1><!-- scheda -->` +
		`<dl><dt>Stato</dt><dd>Concluso</dd><dt>Ente</dt><dd>Comune di Fiorano Modenese &amp; Citt&agrave; &#8220;x&#x201D;</dd></dl>` +
		`<a href="http://www.fabbricaideedistretto.it/?a=1&amp;b=2">sito</a><img src=/archive/2012615000000.141.jpg></body></html>`)
	packed, _ := c.pack([]byte(record141))
	packed2, _ := c.packPage([]byte(record141), page)
	f.Add(packed)
	f.Add(packed2)
	f.Add([]byte(record141))
	f.Add([]byte{docDeflate1})
	f.Add([]byte{docDeflate2})
	f.Add(append([]byte{docDeflate1}, packed[1:len(packed)/3]...))
	f.Add(packed2[:len(packed2)/3])
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, err := c.unpack(data); err == nil && (len(data) == 0 || (data[0] != docDeflate1 && data[0] != docDeflate2)) && !bytes.Equal(got, data) {
			t.Fatalf("unpacked bytes not packed: %q", got)
		} else if err == nil && len(data) > 0 && data[0] == docDeflate2 {
			t.Fatal("a document of format 2 unpacked without its page")
		}
		reads := 0
		_, _ = c.unpackPage(data, func(n int) ([]byte, error) {
			if reads++; n > len(page) {
				return nil, errors.New("page too short")
			}
			return page[:n], nil
		})
		if reads > 1 {
			t.Fatalf("the page read %d times", reads)
		}
		p, err := c.pack(data)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.unpack(p); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("unpack(pack(%q)) = %q, %v", data, got, err)
		}
		// data as a page too: any bytes make a dictionary.
		for _, pg := range [][]byte{page, data} {
			p2, err := c.packPage(data, pg)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := c.unpackPage(p2, pageOf(pg)); err != nil || !bytes.Equal(got, data) {
				t.Fatalf("unpack(packPage(%q)) = %q, %v", data, got, err)
			}
		}
	})
}

// TestDocPackReused: a codec that packed other documents packs a document
// to the same bytes as a new one (its reset compressor starts from the
// dictionary again), and at most 30% of its size.
func TestDocPackReused(t *testing.T) {
	fresh, err := (&docCodec{}).pack([]byte(record141))
	if err != nil {
		t.Fatal(err)
	}
	c := &docCodec{}
	for _, doc := range []string{`{"objectives":"` + strings.Repeat("Coinvolgere la cittadinanza. ", 300) + `"}`, `{}`, record141} {
		if _, err := c.pack([]byte(doc)); err != nil {
			t.Fatal(err)
		}
	}
	again, err := c.pack([]byte(record141))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, fresh) {
		t.Errorf("record 141 packed by a reused codec: %d bytes, differing from a new codec's %d", len(again), len(fresh))
	}
	if len(fresh)*10 > len(record141)*3 {
		t.Errorf("record 141: %d bytes packed from %d; want at most 30%%", len(fresh), len(record141))
	}
	if got, err := c.unpack(again); err != nil || string(got) != record141 {
		t.Errorf("unpack: %.40q, %v", got, err)
	}
}

// BenchmarkDocPack packs the fullest record's document with one codec,
// as the catalog's writer does; it reports the packed size.
func BenchmarkDocPack(b *testing.B) {
	c := &docCodec{}
	var n int
	for b.Loop() {
		packed, err := c.pack([]byte(record141))
		if err != nil {
			b.Fatal(err)
		}
		n = len(packed)
	}
	b.ReportMetric(float64(n), "packed-bytes")
}
