package serve

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"archivio/internal/demo/nodetool"
)

// TestWACZ downloads the archive as a WACZ and reads it back: with Go's
// ZIP reader (every hash of datapackage.json and its digest, WARC files
// stored, record pages listed with their titles), then with an
// independent reader (tools/waczcheck: yauzl and warcio.js), which checks
// every hash again, every index line against its WARC record and payload
// digest, and every page against the index; a package with one byte
// changed must fail it.
func TestWACZ(t *testing.T) {
	s, _ := openFixture(t)
	w := get(t, s.Handler(), "/download/archivio.wacz")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/wacz" {
		t.Fatalf("status %d type %q", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
		if strings.HasPrefix(f.Name, "archive/") && f.Method != zip.Store {
			t.Errorf("%s is compressed in the ZIP", f.Name)
		}
	}
	var pkg struct {
		Profile     string `json:"profile"`
		WACZVersion string `json:"wacz_version"`
		Resources   []struct {
			Path  string `json:"path"`
			Hash  string `json:"hash"`
			Bytes int    `json:"bytes"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(files["datapackage.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Profile != "data-package" || pkg.WACZVersion != "1.1.1" || len(pkg.Resources) != len(files)-2 {
		t.Errorf("datapackage.json: %+v (%d files)", pkg, len(files))
	}
	for _, r := range pkg.Resources {
		sum := sha256.Sum256(files[r.Path])
		if "sha256:"+hex.EncodeToString(sum[:]) != r.Hash || len(files[r.Path]) != r.Bytes {
			t.Errorf("%s: hash or size differs", r.Path)
		}
	}
	var digest struct{ Path, Hash string }
	json.Unmarshal(files["datapackage-digest.json"], &digest)
	sum := sha256.Sum256(files["datapackage.json"])
	if digest.Path != "datapackage.json" || digest.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("datapackage-digest.json: %+v", digest)
	}
	pages := string(files["pages/pages.jsonl"])
	if !strings.Contains(pages, `"url":"`+record141+`"`) || !strings.Contains(pages, "seconda edizione") || strings.Count(pages, "\n") != 19 {
		t.Errorf("pages.jsonl:\n%s", pages)
	}

	// The independent reader.
	dir := nodetool.Dir(t, "waczcheck")
	path := filepath.Join(t.TempDir(), "archivio.wacz")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(nodetool.Node(t), filepath.Join(dir, "waczcheck.mjs"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("waczcheck: %v\n%s", err, out)
	}
	var res struct {
		HashesChecked, IndexLines, RecordsRead, PayloadDigestsChecked, Pages int
		Problems                                                             []string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("waczcheck: %v\n%s", err, out)
	}
	if res.HashesChecked != len(pkg.Resources)+1 || res.RecordsRead != res.IndexLines || res.IndexLines == 0 || res.PayloadDigestsChecked == 0 || res.Pages != 18 {
		t.Errorf("waczcheck read %+v", res)
	}
	t.Logf("waczcheck: %s", bytes.TrimSpace(out))

	// One byte changed in a WARC file: the reader must say so.
	bad := bytes.Clone(body)
	var first *zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "archive/") {
			first = f
			break
		}
	}
	off, err := first.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	bad[off+int64(first.UncompressedSize64)/2] ^= 0xff
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nodetool.Node(t), filepath.Join(dir, "waczcheck.mjs"), path).CombinedOutput(); err == nil || !strings.Contains(string(out), "hash") {
		t.Errorf("a changed byte went unnoticed: %v\n%s", err, out)
	}
}
