package archive

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// openWARCSnapshot writes three exchanges with a writer it leaves open and
// returns the bytes of the .open file at that moment (what a kill -9
// would leave), its final name and the writes.
func openWARCSnapshot(t *testing.T) ([]byte, string, []Written) {
	t.Helper()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	t.Cleanup(func() { w.Close() })
	at := time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC)
	var ws []Written
	for i := range 3 {
		ex := testExchange("https://osservatorio.example/p/"+strconv.Itoa(i), at.Add(time.Duration(i)*time.Second), 200,
			noise(uint64(100+i), 3000), "Content-Type: text/html")
		wr, err := w.WriteExchange(context.Background(), ex, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, wr)
	}
	data, err := os.ReadFile(filepath.Join(dir, ws[0].File+warcOpenSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return data, ws[0].File, ws
}

func TestWARCRepairOpenFiles(t *testing.T) {
	ctx := context.Background()
	data, name, ws := openWARCSnapshot(t)
	last := ws[2]
	lastMember := data[last.Offset : last.Offset+last.Length]
	plain := gunzipped(t, lastMember)
	// The last record re-compressed as a whole gzip member, but with ten
	// bytes of its block missing.
	short := gzipped(t, append(append([]byte{}, plain[:len(plain)-14]...), "\r\n\r\n"...))
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	cases := []struct {
		name    string
		file    []byte
		records int   // whole records kept
		dropped int64 // bytes cut
	}{
		{"half a gzip member appended", cat(data, lastMember[:len(lastMember)/2]), 7, int64(len(lastMember) / 2)},
		{"cut in the middle of a record", data[:last.Offset+last.Length/2], 6, last.Length / 2},
		{"cut in the middle of a request", data[:last.RequestOffset+10], 5, 10},
		{"block shorter than its Content-Length", cat(data[:last.Offset], short), 6, int64(len(short))},
		{"cut in the warcinfo record", data[:40], 0, 40},
		{"nothing to cut", data, 7, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name+warcOpenSuffix), c.file, 0o644); err != nil {
				t.Fatal(err)
			}
			reports, err := RepairOpenFiles(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			want := RepairReport{File: name, Records: c.records, DroppedBytes: c.dropped}
			if len(reports) != 1 || reports[0] != want {
				t.Fatalf("reports %+v, want %+v", reports, want)
			}
			if open := warcFiles(t, dir, ".open"); len(open) != 0 {
				t.Errorf("open files left: %v", open)
			}
			path := filepath.Join(dir, name)
			recs := scanAll(t, path)
			if len(recs) != c.records {
				t.Errorf("%d records read after repair, want %d", len(recs), c.records)
			}
			responses := 0
			for _, r := range recs {
				if r.Type == "response" {
					responses++
				}
			}
			lines := readCDXJ(t, path+".cdxj")
			if len(lines) != responses {
				t.Errorf("%d cdxj lines for %d responses", len(lines), responses)
			}
			for _, l := range lines {
				off, _ := strconv.ParseInt(l.Fields["offset"], 10, 64)
				if _, err := ReadResponse(ctx, path, off); err != nil {
					t.Errorf("indexed record: %v", err)
				}
			}
			for i, wr := range ws {
				_, err := ReadResponse(ctx, path, wr.Offset)
				if kept := wr.Offset+wr.Length <= int64(len(c.file)-int(c.dropped)); kept != (err == nil) {
					t.Errorf("exchange %d: kept %v, read error %v", i, kept, err)
				}
			}
			// A second run finds nothing to do.
			if again, err := RepairOpenFiles(ctx, dir); err != nil || len(again) != 0 {
				t.Errorf("second repair: %v %v", again, err)
			}
		})
	}
}

func TestWARCRepairKeepsDamageInTheMiddle(t *testing.T) {
	ctx := context.Background()
	data, name, ws := openWARCSnapshot(t)
	dir := t.TempDir()
	bad := bytes.Clone(data)
	bad[ws[0].Offset+ws[0].Length/2] ^= 0xff
	open := filepath.Join(dir, name+warcOpenSuffix)
	if err := os.WriteFile(open, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	reports, err := RepairOpenFiles(ctx, dir)
	if !(errors.Is(err, ErrWARCCorrupt) || errors.Is(err, ErrWARCDigest)) || len(reports) != 0 {
		t.Fatalf("repair of a file damaged in the middle: %v %v, want ErrWARCCorrupt or ErrWARCDigest", reports, err)
	}
	got, err := os.ReadFile(open)
	if err != nil || !bytes.Equal(got, bad) {
		t.Errorf("the damaged file was changed or moved: %v", err)
	}
}

// TestWARCRepairAfterKill kills a process writing WARC records with
// SIGKILL and repairs what it left.
func TestWARCRepairAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWARCKillHelper$")
	cmd.Env = append(os.Environ(), "ARCHIVIO_WARC_KILL_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		open := warcFiles(t, dir, ".open")
		if len(open) > 0 {
			if info, err := os.Stat(filepath.Join(dir, open[0])); err == nil && info.Size() > 2<<20 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the writer did not write 2 MiB in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	reports, err := RepairOpenFiles(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0].Records < 3 {
		t.Fatalf("reports %+v", reports)
	}
	t.Logf("after kill: %+v", reports[0])
	path := filepath.Join(dir, reports[0].File)
	if n := len(scanAll(t, path)); n != reports[0].Records {
		t.Errorf("%d records read, %d reported", n, reports[0].Records)
	}
	for _, l := range readCDXJ(t, path+".cdxj") {
		off, _ := strconv.ParseInt(l.Fields["offset"], 10, 64)
		if _, err := ReadResponse(context.Background(), path, off); err != nil {
			t.Error(err)
		}
	}
}

// TestWARCKillHelper is the process TestWARCRepairAfterKill kills: it
// writes exchanges until it dies.
func TestWARCKillHelper(t *testing.T) {
	dir := os.Getenv("ARCHIVIO_WARC_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestWARCRepairAfterKill")
	}
	w, err := OpenWARCWriter(WARCOptions{Dir: dir, Hostname: "victim"})
	if err != nil {
		t.Fatal(err)
	}
	body := noise(7, 256<<10)
	for i := 0; ; i++ {
		ex := testExchange("https://osservatorio.example/k/"+strconv.Itoa(i), time.Now(), 200, body, "Content-Type: application/pdf")
		if _, err := w.WriteExchange(context.Background(), ex, nil); err != nil {
			t.Fatal(err)
		}
	}
}
