package jobs

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/internal/demo/demosite"
)

// TestReparseAcrossFilesStoresWhatChanged: over an archive spread across
// many WARC files, reparse reads every record's page (in file and offset
// order, through the parse pool), stores a new version exactly for the
// records whose stored version differs from what the parser reads now,
// and reports a record whose WARC record is damaged as failed, without
// stopping the others.
// A catalog seen only through reparseCatalog (as the shared one is) is
// read through its Payload and written a record at a time, with the same
// outcome.
func TestReparseAcrossFilesStoresWhatChanged(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reparse func(dir string) (*ReparseReport, error)
	}{
		{"pipeline", func(dir string) (*ReparseReport, error) { return Reparse(context.Background(), dir, nil) }},
		{"any catalog", func(dir string) (*ReparseReport, error) {
			st, err := archive.Open(context.Background(), dir)
			if err != nil {
				return nil, err
			}
			defer st.Close()
			return ReparseIn(context.Background(), plainCatalog{st}, nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { testReparseAcrossFiles(t, tc.reparse) })
	}
}

// plainCatalog hides the Store's local fast paths.
type plainCatalog struct{ reparseCatalog }

func testReparseAcrossFiles(t *testing.T, reparse func(dir string) (*ReparseReport, error)) {
	site, cfg := demo(t, demosite.Options{Records: 120})
	cfg.WARCMaxSize = 64 << 10 // many files
	crawl(t, cfg)
	files, _ := filepath.Glob(filepath.Join(cfg.DataDir, "warc", "*.warc.gz"))
	if len(files) < 3 {
		t.Fatalf("%d WARC files, want several", len(files))
	}
	ids := site.IDs()
	stale := []int{ids[3], ids[40], ids[99]}
	for _, id := range stale {
		// As an older parser would have read it (stored as JSON text, as
		// documents were before the catalog packed them).
		st := openStore(t, cfg.DataDir)
		vs, err := st.LatestVersions(context.Background(), id)
		if err != nil || len(vs) != 1 {
			t.Fatal(vs, err)
		}
		var doc map[string]any
		if err := json.Unmarshal(vs[0].Data, &doc); err != nil {
			t.Fatal(err)
		}
		doc["title"] = "old title"
		old, _ := json.Marshal(doc)
		execSQL(t, cfg.DataDir, `UPDATE record_versions SET data = ? WHERE record_id = ? AND version = ?`, string(old), id, vs[0].Version)
	}
	// One record's WARC record damaged in its file.
	damaged := ids[70]
	var file string
	var offset int64
	st := openStore(t, cfg.DataDir)
	vs, err := st.LatestVersions(context.Background(), damaged)
	if err == nil {
		var c, cerr = st.Capture(context.Background(), vs[0].CaptureID)
		if cerr != nil {
			t.Fatal(cerr)
		}
		file, offset = c.WARCFile, c.WARCOffset
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(cfg.DataDir, "warc", file), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("garbage!"), offset+40); err != nil {
		t.Fatal(err)
	}
	f.Close()

	rep, err := reparse(cfg.DataDir)
	if err == nil {
		t.Errorf("reparse with a damaged record: no error")
	}
	if rep == nil {
		t.Fatal("no report")
	}
	if rep.Records != len(ids) || !slices.Equal(rep.Changed, slices.Sorted(slices.Values(stale))) || rep.Unchanged != len(ids)-len(stale)-1 {
		t.Errorf("reparse: %d records, changed %v (want %v), %d unchanged", rep.Records, rep.Changed, stale, rep.Unchanged)
	}
	if len(rep.Failed) != 1 || !strings.HasPrefix(rep.Failed[0], strconv.Itoa(damaged)+": read archive") {
		t.Errorf("failed %v, want record %d's damaged record", rep.Failed, damaged)
	}
	st = openStore(t, cfg.DataDir)
	defer st.Close()
	for _, id := range stale {
		vs, err := st.LatestVersions(context.Background(), id)
		if err != nil || vs[0].Version != 2 || strings.Contains(string(vs[0].Data), "old title") {
			t.Errorf("record %d after reparse: %+v %v", id, vs, err)
		}
	}
}
