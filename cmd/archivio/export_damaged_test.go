package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/internal/export"
)

// TestExportPastADamagedWARCRecord: a record version whose capture's WARC
// record is damaged cannot be read; the export writes every other record,
// lists that one in manifest.json ("left_out": record, version, capture,
// why) and says so last, exiting 1: written, not whole.
func TestExportPastADamagedWARCRecord(t *testing.T) {
	srv, _ := hostileSite(t, 12, nil)
	data := t.TempDir()
	if _, _, err := runCmd(t, runCrawl, "--base-url", srv.URL, "--allow-private", "--delay", "0", "--data", data, "--quiet"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := archive.OpenReadOnly(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.LatestVersions(ctx, 0)
	if err != nil || len(vs) < 10 {
		t.Fatalf("%d records crawled: %v", len(vs), err)
	}
	victim := vs[len(vs)/2]
	var c *archive.Capture
	if err := st.CapturesByID(ctx, []int64{victim.CaptureID}, func(x *archive.Capture) error { c = x; return nil }); err != nil || c == nil {
		t.Fatalf("capture %d: %v", victim.CaptureID, err)
	}
	st.Close()
	path := filepath.Join(data, "warc", c.WARCFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := c.WARCOffset + c.WARCLength/3; i < c.WARCOffset+c.WARCLength*2/3; i += 5 {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, err := runCmd(t, runExport, "--data", data, "--format", "jsonl", "--out", out)
	if !errors.Is(err, export.ErrIncomplete) || !strings.Contains(err.Error(), fmt.Sprintf("record %d: document read from capture %d", victim.RecordID, c.ID)) {
		t.Fatalf("export with a damaged WARC record: %v", err)
	}
	if code := exitCode(err, io.Discard); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(stdout, "processes") || !strings.Contains(stderr, "exported records") {
		t.Errorf("the export's report: %q / %q", stdout, stderr)
	}
	f, err := os.Open(filepath.Join(out, "processes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids := map[int]bool{}
	for s := bufio.NewScanner(f); s.Scan(); {
		var r struct{ ID int }
		if err := json.Unmarshal(s.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		ids[r.ID] = true
	}
	if len(ids) != len(vs)-1 || ids[victim.RecordID] {
		t.Errorf("exported %d records (the damaged %d among them: %v), want the %d others", len(ids), victim.RecordID, ids[victim.RecordID], len(vs)-1)
	}
	mb, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		LeftOut []export.LeftOut `json:"left_out"`
	}
	if err := json.Unmarshal(mb, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.LeftOut) != 1 || m.LeftOut[0].RecordID != victim.RecordID || m.LeftOut[0].Version != victim.Version ||
		m.LeftOut[0].CaptureID != c.ID || !strings.Contains(m.LeftOut[0].Reason, "document read from capture") {
		t.Errorf("manifest left_out %+v", m.LeftOut)
	}

	// A whole export says so too: an empty list.
	whole := filepath.Join(t.TempDir(), "whole")
	if _, _, err := runCmd(t, runExport, "--data", exportArchive(t), "--format", "jsonl", "--out", whole); err != nil {
		t.Fatal(err)
	}
	if mb, err := os.ReadFile(filepath.Join(whole, "manifest.json")); err != nil || !strings.Contains(string(mb), `"left_out": []`) {
		t.Errorf("a whole export's manifest: %v\n%s", err, mb)
	}
}
