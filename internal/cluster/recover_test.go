package cluster_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
)

// pendingAtPut is a Local storage that notes, as each WARC file is put,
// how many of the file's captures the catalog holds pending.
type pendingAtPut struct {
	warcstore.Local
	st *pg.Store
	mu sync.Mutex
	at map[string]int
}

func (p *pendingAtPut) Put(ctx context.Context, name, path string) (warcstore.Object, error) {
	if strings.HasSuffix(name, ".warc.gz") {
		files, err := p.st.WARCFiles(ctx, "")
		if err != nil {
			return warcstore.Object{}, err
		}
		for _, f := range files {
			if f.Name == name {
				p.mu.Lock()
				p.at[name] = f.Pending
				p.mu.Unlock()
			}
		}
	}
	return p.Local.Put(ctx, name, path)
}

// deadExchange writes the exchange of a GET of u to a WARC file of node
// n1's folder dir, as its writer writes it, and lists it nowhere: the
// records a node killed before listing the capture leaves. With open the
// file is left open, as the kill leaves it; otherwise closed, as a kill
// after a rotation and before the shipping leaves it.
func deadExchange(t *testing.T, dir, prefix string, crawl int64, u string, open bool) archive.Written {
	t.Helper()
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: dir, Prefix: prefix, Hostname: "n1", IsPartOf: archive.CrawlCollection(crawl)})
	if err != nil {
		t.Fatal(err)
	}
	body := "<html><body>page</body></html>"
	wr, err := w.WriteExchange(context.Background(), archive.Exchange{TargetURI: u, Date: time.Now(),
		Request:  fmt.Appendf(nil, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", u),
		Response: fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", len(body)),
		Body:     []byte(body)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, wr.File)
	killed, err := os.ReadFile(path + ".open")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if open {
		os.Remove(path)
		os.Remove(path + ".cdxj")
		if err := os.WriteFile(path+".open", killed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return wr
}

// TestNodeListsWhatAKilledRunWroteAndDidNotList: a node killed after
// writing an exchange to its WARC file and before listing its capture
// lists that capture at its next start, in the crawl its file names,
// pending until the file is stored and stored with it, and marked as a
// duplicate: the page was settled meanwhile by another node, or is
// fetched again (its lease was lost with the kill), and the node's own
// files name their crawl. Every response record of the stored files is
// catalogued.
func TestNodeListsWhatAKilledRunWroteAndDidNotList(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path]++
		mu.Unlock()
		fmt.Fprint(w, "<html><body>page</body></html>")
	}))
	defer srv.Close()
	dsn := server.Schema(t)
	opts := func(name string, ttl time.Duration) pg.Options {
		return pg.Options{Node: name, LeaseTTL: ttl, Delay: -1, MaxInFlight: 4, RemoteWARCs: true}
	}
	st, err := pg.Open(ctx, dsn, opts("n1", time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, err := st.StartCrawl(ctx, "test", srv.URL, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	settled, queued := srv.URL+"/settled", srv.URL+"/queued"
	if _, err := st.AddToFrontier(ctx, crawl, []archive.FrontierEntry{{Key: "url:" + settled, URL: settled}, {Key: "url:" + queued, URL: queued}}); err != nil {
		t.Fatal(err)
	}

	// The killed run of n1 leased both pages and wrote their exchanges;
	// its leases expired, node n2 took the first page over and settled
	// it, the second waits for a node.
	dead, err := pg.Open(ctx, dsn, opts("n1", time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if ls, err := dead.Claim(ctx, crawl, 2); err != nil || len(ls) != 2 {
		t.Fatalf("claim %v (%v)", ls, err)
	}
	dead.Close()
	dir := t.TempDir()
	wSettled := deadExchange(t, dir, "archivio-n1-0000dead", crawl, settled, true)
	wQueued := deadExchange(t, dir, "archivio-n1-1111dead", crawl, queued, false)
	time.Sleep(1100 * time.Millisecond)
	n2, err := pg.Open(ctx, dsn, opts("n2", time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	defer n2.Close()
	ls, err := n2.Claim(ctx, crawl, 1)
	if err != nil || len(ls) != 1 || ls[0].URL != settled {
		t.Fatalf("n2 claims %v (%v), want %s", ls, err, settled)
	}
	if _, err := n2.Complete(ctx, ls[0], archive.FrontierDone, "", nil, nil); err != nil {
		t.Fatal(err)
	}

	storage := &pendingAtPut{Local: warcstore.Local{Dir: t.TempDir()}, st: st, at: map[string]int{}}
	n := &cluster.Node{Store: st, Name: "n1", WARCDir: dir, Storage: storage, CrawlID: crawl, Heartbeat: time.Second}
	if err := n.Run(ctx); err != nil {
		t.Fatal(err)
	}

	caps, err := st.CapturesOf(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	dups, err := st.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []archive.Written{wSettled, wQueued} {
		i := slices.IndexFunc(caps, func(c *archive.Capture) bool { return c.WARCFile == w.File && c.WARCOffset == w.Offset })
		if i < 0 {
			t.Errorf("the response record at %d of %s is catalogued by no capture of crawl %d", w.Offset, w.File, crawl)
			continue
		}
		c := caps[i]
		if c.WARCLength != w.Length || c.WARCRecordID != w.RecordID || c.Method != http.MethodGet || c.Status != 200 || c.PayloadDigest != w.PayloadDigest {
			t.Errorf("capture %+v of the record %+v", c, w)
		}
		if !slices.Contains(dups, c.ID) {
			t.Errorf("capture %d of %s is not marked a duplicate (duplicates %v)", c.ID, c.URL, dups)
		}
		if p, ok := storage.at[w.File]; !ok || p != 1 {
			t.Errorf("%s put with %d captures pending (put: %v), want its 1", w.File, p, ok)
		}
	}
	if p, err := st.PendingCaptures(ctx); err != nil || p != 0 {
		t.Errorf("%d captures pending (%v)", p, err)
	}
	// The settled page is not fetched again; the queued one is, and
	// settled from that fetch.
	if asked["/settled"] != 0 || asked["/queued"] != 1 {
		t.Errorf("pages asked %v, want /queued once", asked)
	}
	done, err := st.Frontier(ctx, crawl, archive.FrontierDone)
	if err != nil || len(done) != 2 {
		t.Errorf("done %+v (%v), want both pages", done, err)
	}
	var fresh int
	for _, c := range caps {
		if c.URL == queued && !slices.Contains(dups, c.ID) {
			fresh++
		}
	}
	if fresh != 1 {
		t.Errorf("%d captures of %s that are no duplicates, want the refetch's", fresh, queued)
	}

	// Every file is stored, every response record of them catalogued, and
	// the node's own files name the crawl.
	files, err := st.WARCFiles(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range caps {
		listed[fmt.Sprintf("%s@%d", c.WARCFile, c.WARCOffset)] = true
	}
	for _, f := range files {
		if f.State != "stored" {
			t.Errorf("%s: %s", f.Name, f.State)
		}
		path := filepath.Join(storage.Dir, f.Name)
		if id, ok, err := archive.WARCCrawl(ctx, path); err != nil || !ok || id != crawl {
			t.Errorf("%s names crawl %d (%v, %v), want %d", f.Name, id, ok, err, crawl)
		}
		if err := archive.ScanWARC(ctx, path, func(r archive.ScannedRecord) error {
			if (r.Type == "response" || r.Type == "revisit") && !listed[fmt.Sprintf("%s@%d", f.Name, r.Offset)] {
				t.Errorf("response record at %d of %s catalogued by no capture", r.Offset, f.Name)
			}
			return nil
		}); err != nil {
			t.Error(err)
		}
	}
	if len(files) < 3 {
		t.Errorf("%d files stored, want the killed run's two and the node's", len(files))
	}
}

// TestLinkCheckListsWhatAKilledRunWroteAndDidNotList: a link-check node's
// files name their run, and the exchange its killed run wrote and had not
// listed is listed at its next start, as a duplicate capture of that run,
// stored with its file.
func TestLinkCheckListsWhatAKilledRunWroteAndDidNotList(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body>page</body></html>")
	}))
	defer srv.Close()
	dsn := server.Schema(t)
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1", RemoteWARCs: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, fmt.Sprintf("%s/l/%d", srv.URL, i), archive.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close(ctx)
	dir := t.TempDir()
	storage := &pendingAtPut{Local: warcstore.Local{Dir: t.TempDir()}, st: st, at: map[string]int{}}
	cfg := jobs.LinksConfig{UserAgent: "archivio/test", Timeout: 5 * time.Second, AllowPrivate: true, SnapshotDepth: -1}
	rep, err := cluster.LinkCheck{Store: st, Name: "n1", WARCDir: dir, Storage: storage, Heartbeat: time.Second}.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	run := rep.Run.ID
	files, err := st.WARCFiles(ctx, "stored")
	if err != nil || len(files) == 0 {
		t.Fatalf("stored files %v (%v)", files, err)
	}
	for _, f := range files {
		if id, ok, err := archive.WARCCrawl(ctx, filepath.Join(storage.Dir, f.Name)); err != nil || !ok || id != run {
			t.Errorf("%s names run %d (%v, %v), want %d", f.Name, id, ok, err, run)
		}
	}

	// A killed part of the run wrote a check's exchange and listed it
	// nowhere; the node's next run lists it in that run.
	w := deadExchange(t, dir, "archivio-n1-links-0000dead", run, srv.URL+"/l/1", true)
	if _, err := (cluster.LinkCheck{Store: st, Name: "n1", WARCDir: dir, Storage: storage, Heartbeat: time.Second}).Run(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	caps, err := st.CapturesOf(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	dups, err := st.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(caps, func(c *archive.Capture) bool { return c.WARCFile == w.File && c.WARCOffset == w.Offset })
	switch {
	case i < 0:
		t.Errorf("the response record at %d of %s is catalogued by no capture of run %d", w.Offset, w.File, run)
	case !slices.Contains(dups, caps[i].ID):
		t.Errorf("capture %d is not marked a duplicate (duplicates %v)", caps[i].ID, dups)
	}
	if p, ok := storage.at[w.File]; !ok || p != 1 {
		t.Errorf("%s put with %d captures pending (put: %v), want its 1", w.File, p, ok)
	}
	if p, err := st.PendingCaptures(ctx); err != nil || p != 0 {
		t.Errorf("%d captures pending (%v)", p, err)
	}
}

// TestNodeShipsAFileOnceItsRecordsAreListed: a file rotated between the
// write of an exchange and its capture's insert is not shipped until the
// capture is in the catalog; killed meanwhile, the node would find it in
// its folder at its next start. So the storage never holds a response
// record the catalog lacks.
func TestNodeShipsAFileOnceItsRecordsAreListed(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="/a">a</a> <a href="/b">b</a></body></html>`)
	}))
	defer srv.Close()
	st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1", Delay: -1, MaxInFlight: 4, RemoteWARCs: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, err := st.StartCrawl(ctx, "test", srv.URL, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddToFrontier(ctx, crawl, []archive.FrontierEntry{{Key: "url:" + srv.URL + "/", URL: srv.URL + "/"}}); err != nil {
		t.Fatal(err)
	}
	dir, stored := t.TempDir(), t.TempDir()
	n := &cluster.Node{Store: st, Name: "n1", WARCDir: dir, Storage: &warcstore.Local{Dir: stored}, CrawlID: crawl,
		Parallel: 1, Heartbeat: time.Second, Rotate: 20 * time.Millisecond}
	var once sync.Once
	var file string
	var rotated, shipped bool
	cluster.SetAfterSync(n, func() {
		once.Do(func() {
			// The exchange is in the node's one file, its capture not
			// listed yet: the file is rotated meanwhile (perhaps already,
			// between the sync and this call; with one fetch at a time
			// nothing else is written), and must stay here.
			// A rotation between the two listings shows the file under
			// both names: it is one file.
			files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz.open"))
			closed, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
			files = append(files, closed...)
			for i, f := range files {
				files[i] = strings.TrimSuffix(filepath.Base(f), ".open")
			}
			slices.Sort(files)
			if files = slices.Compact(files); len(files) != 1 {
				t.Errorf("files %v, want one", files)
				return
			}
			file = files[0]
			open := filepath.Join(dir, file+".open")
			deadline := time.Now().Add(5 * time.Second)
			for !rotated && time.Now().Before(deadline) {
				rotated = !exists(open) // renamed by the rotation
				if !rotated {
					time.Sleep(10 * time.Millisecond)
				}
			}
			time.Sleep(200 * time.Millisecond) // rotations and shipments go on
			shipped = exists(filepath.Join(stored, file)) || !exists(filepath.Join(dir, file))
		})
	})
	if err := n.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if !rotated {
		t.Fatalf("%s was not rotated while its exchange was being listed", file)
	}
	if shipped {
		t.Errorf("%s was shipped before its exchange was listed", file)
	}
	// Once listed, it was shipped.
	if !exists(filepath.Join(stored, file)) || exists(filepath.Join(dir, file)) {
		t.Errorf("%s not shipped in the end", file)
	}
	if p, err := st.PendingCaptures(ctx); err != nil || p != 0 {
		t.Errorf("%d captures pending (%v)", p, err)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
