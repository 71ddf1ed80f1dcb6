package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDocPackedAgainstCapture: record documents packed against the pages
// they were read from (a plain page, a gzip one, a revisit's) read back
// byte for byte through every reader of documents (versions, as-of,
// changes, table rows, links as of, SQL), beside a document of format 1;
// a new version's changes are found against the previous one's page; a
// missing or damaged WARC file is an error naming the capture.
func TestDocPackedAgainstCapture(t *testing.T) {
	ctx := context.Background()
	fixtures := fixturePages(t)[:4]
	srv := fixtureServer(t, fixtures, 1)
	r := newRecording(t, 0)
	st := r.st
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	docs := map[int][]byte{}        // the latest document of each record
	versions := map[[2]int][]byte{} // every version's document
	caps := map[int]int64{}
	apply := func(id int, doc, page []byte, captureID int64, when time.Time) Applied {
		t.Helper()
		var links []CitedLink
		var d struct{ Links []CitedLink }
		json.Unmarshal(doc, &d)
		links = d.Links
		a, err := st.ApplyRecord(ctx, ParsedRecord{ID: id, URL: fmt.Sprint(srv.URL, "/scheda-processo/", id), Data: doc,
			ParserVersion: "p1", Links: links, Page: page}, captureID, when)
		if err != nil {
			t.Fatal(err)
		}
		docs[id], caps[id], versions[[2]int{id, a.Version}] = doc, captureID, doc
		return a
	}
	for i := range 3 {
		_, body, c := r.get(t, fmt.Sprint(srv.URL, "/scheda-processo/", i))
		if !bytes.Equal(body, fixtures[i].page) {
			t.Fatalf("page %d: the client got %d bytes, not the fixture", i, len(body))
		}
		apply(100+i, fixtures[i].doc, body, c.ID, at)
	}
	// The same page again: a revisit, whose payload is its original's.
	_, body, rv := r.get(t, fmt.Sprint(srv.URL, "/scheda-processo/", 0))
	if rv.RevisitOf == 0 {
		t.Fatal("the same page again is not a revisit")
	}
	apply(103, fixtures[3].doc, body, rv.ID, at)
	// A document without its page: format 1.
	_, _, c4 := r.get(t, fmt.Sprint(srv.URL, "/scheda-processo/", 2))
	apply(104, fixtures[2].doc, nil, c4.ID, at)

	formats := map[int]byte{}
	rows, err := st.db.QueryContext(ctx, `SELECT record_id, substr(data, 1, 1) FROM record_versions`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int
		var f []byte
		rows.Scan(&id, &f)
		formats[id] = f[0]
	}
	rows.Close()
	for id, want := range map[int]byte{100: docDeflate2, 101: docDeflate2, 102: docDeflate2, 103: docDeflate2, 104: docDeflate1} {
		if formats[id] != want {
			t.Errorf("record %d stored in format %d, want %d", id, formats[id], want)
		}
	}

	readAll := func() error {
		vs, err := st.LatestVersions(ctx, 0)
		if err != nil {
			return err
		}
		if len(vs) != len(docs) {
			return fmt.Errorf("%d latest versions, want %d", len(vs), len(docs))
		}
		for _, v := range vs {
			if !bytes.Equal(v.Data, docs[v.RecordID]) {
				return fmt.Errorf("latest version of %d: %.60q", v.RecordID, v.Data)
			}
		}
		n := 0
		if err := st.VersionsAsOf(ctx, at.Add(time.Hour), func(v *VersionAt) error {
			n++
			if !bytes.Equal(v.Data, docs[v.RecordID]) || v.CaptureID != caps[v.RecordID] {
				return fmt.Errorf("as of: version of %d from capture %d: %.60q", v.RecordID, v.CaptureID, v.Data)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := st.VersionChanges(ctx, time.Time{}, at.Add(time.Hour), func(id int, before, after []byte) error {
			if before != nil || !bytes.Equal(after, docs[id]) {
				return fmt.Errorf("changes of %d: %.40q -> %.40q", id, before, after)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := st.TableRows(ctx, "record_versions", func(cols []string, vals []any) error {
			id, v := int(vals[slices.Index(cols, "record_id")].(int64)), int(vals[slices.Index(cols, "version")].(int64))
			if data, _ := vals[slices.Index(cols, "data")].(string); data != string(versions[[2]int{id, v}]) {
				return fmt.Errorf("table row of %d version %d: %.60q", id, v, data)
			}
			return nil
		}); err != nil {
			return err
		}
		ls, err := st.LinksAsOf(ctx, at.Add(time.Hour))
		if err != nil {
			return err
		}
		want := map[string]bool{}
		for _, doc := range docs {
			var d struct{ Links []CitedLink }
			json.Unmarshal(doc, &d)
			for _, l := range d.Links {
				want[l.URL] = true
			}
		}
		if len(ls) != len(want) || len(want) == 0 {
			return fmt.Errorf("links as of: %d, want %d", len(ls), len(want))
		}
		for _, l := range ls {
			if !want[l.URL] {
				return fmt.Errorf("links as of: %s not cited", l.URL)
			}
		}
		var title string
		if err := st.db.QueryRowContext(ctx, `SELECT json_extract(`+docOf+`, '$.title') FROM record_versions v`+docRefJoin+` WHERE v.record_id = 101`).Scan(&title); err != nil {
			return err
		}
		var d struct{ Title string }
		json.Unmarshal(docs[101], &d)
		if title != d.Title {
			return fmt.Errorf("SQL: title %q, want %q", title, d.Title)
		}
		return nil
	}
	if err := readAll(); err != nil {
		t.Fatal(err)
	}

	// A new version of record 100 from another page: its changes are found
	// against the previous version, read with its own page.
	_, body, c5 := r.get(t, fmt.Sprint(srv.URL, "/scheda-processo/", 1))
	changed := fixtures[1].doc
	want, _ := diffFields(fixtures[0].doc, changed)
	a := apply(100, changed, body, c5.ID, at.Add(time.Minute))
	if a.Outcome != VersionChanged || !slices.Equal(a.Changed, want) || len(want) == 0 {
		t.Errorf("new version of 100: %+v, want changed %v", a, want)
	}
	if err := st.VersionChanges(ctx, at.Add(30*time.Second), at.Add(time.Hour), func(id int, before, after []byte) error {
		if id != 100 || !bytes.Equal(before, fixtures[0].doc) || !bytes.Equal(after, changed) {
			t.Errorf("changes of %d: %.40q -> %.40q", id, before, after)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := readAll(); err != nil {
		t.Fatal(err)
	}

	// The WARC files gone, then damaged: every read names the capture; the
	// document of format 1 still reads.
	r.w.Close()
	files, _ := filepath.Glob(filepath.Join(st.WARCDir(), "*.warc.gz*"))
	if len(files) == 0 {
		t.Fatal("no WARC file")
	}
	for _, f := range files {
		os.Rename(f, f+".away")
	}
	err = readAll()
	if err == nil || !strings.Contains(err.Error(), "capture ") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WARC files gone: %v", err)
	}
	if v, err := st.RecordVersions(ctx, 104); err != nil || !bytes.Equal(v[0].Data, docs[104]) {
		t.Errorf("a document of format 1 without the WARC files: %v", err)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f + ".away")
		for i := 200; i < len(b); i += 97 {
			b[i] ^= 0x55
		}
		os.WriteFile(f, b, 0o644)
	}
	if _, err := st.LatestVersions(ctx, 102); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("capture %d", caps[102])) {
		t.Errorf("WARC file damaged: %v", err)
	}
}

// fixtureServer serves fixtures[i]'s page at /scheda-processo/i, those
// of the ids in gzipped with Content-Encoding: gzip.
func fixtureServer(t *testing.T, fixtures []fixturePage, gzipped ...int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscanf(r.URL.Path, "/scheda-processo/%d", &i)
		if i < 0 || i >= len(fixtures) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if slices.Contains(gzipped, i) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipString(string(fixtures[i].page)))
			return
		}
		w.Write(fixtures[i].page)
	}))
	t.Cleanup(srv.Close)
	return srv
}
