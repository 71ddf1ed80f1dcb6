package cluster_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/pg/pgtest"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/cluster"
)

// server is the PostgreSQL server of this package's tests.
var server *pgtest.Env

// nodeEnv, when set, makes this test binary a crawler node (see
// runNode): the chaos test starts its nodes as processes it can kill.
const nodeEnv = "ARCHIVIO_TEST_CLUSTER_NODE"

func TestMain(m *testing.M) {
	if cfg := os.Getenv(nodeEnv); cfg != "" {
		if err := runNode(cfg); err != nil {
			fmt.Fprintln(os.Stderr, "node:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	server = pgtest.Setup()
	code := m.Run()
	server.Close()
	os.Exit(code)
}

// nodeConfig is what a node process is told.
type nodeConfig struct {
	DSN, Name, WARCDir, S3 string
	Crawl                  int64
	Hosts                  []string
	Delay                  time.Duration
}

const (
	hostDelay = 150 * time.Millisecond
	leaseTTL  = 2 * time.Second
	pages     = 25 // per host

	serviceTime = 20 * time.Millisecond // each page takes this long to answer
)

func nodeOptions(name string) pg.Options {
	return pg.Options{Node: name, LeaseTTL: leaseTTL, Delay: hostDelay, MaxInFlight: 1, RemoteWARCs: true, MaxConns: 6}
}

func runNode(raw string) error {
	var c nodeConfig
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return err
	}
	ctx := context.Background()
	st, err := pg.Open(ctx, c.DSN, nodeOptions(c.Name))
	if err != nil {
		return err
	}
	defer st.Close()
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: c.S3, PathStyle: true})
	if err != nil {
		return err
	}
	allowed := map[string]bool{}
	for _, h := range c.Hosts {
		allowed[h] = true
	}
	n := &cluster.Node{Store: st, Name: c.Name, WARCDir: c.WARCDir, Storage: s3, CrawlID: c.Crawl, Parallel: 2,
		Heartbeat: leaseTTL / 4, Rotate: 700 * time.Millisecond, Timeout: 10 * time.Second,
		Scope: func(u *url.URL) bool { return allowed[u.Host] }}
	return n.Run(ctx)
}

// site is a loopback host that logs when each request arrived and how
// many were in flight.
type site struct {
	host string
	srv  *http.Server

	mu       sync.Mutex
	arrivals []time.Time
	hits     map[string]int
	inFlight int
	peak     int
}

func startSite(t testing.TB, ip string, next func() string) *site {
	return startSiteServing(t, ip, serviceTime, next)
}

// startSiteServing is startSite with pages that take service to answer.
func startSiteServing(t testing.TB, ip string, service time.Duration, next func() string) *site {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	s := &site{host: ln.Addr().String(), hits: map[string]int{}}
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.arrivals = append(s.arrivals, time.Now())
		s.hits[r.URL.Path]++
		s.inFlight++
		s.peak = max(s.peak, s.inFlight)
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		time.Sleep(service)
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/p/%d", &n); err != nil || n >= pages {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body><h1>pagina %d di %s</h1>", n, s.host)
		for _, k := range []int{2*n + 1, 2*n + 2} {
			if k < pages {
				fmt.Fprintf(w, `<a href="/p/%d">%d</a>`, k, k)
			}
		}
		fmt.Fprintf(w, `<a href="http://%s/p/%d">altrove</a></body></html>`, next(), n)
	})}
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// TestChaosThreeNodesOneKilled: three crawler processes share a crawl of
// four loopback hosts with a delay per host; one is killed with SIGKILL
// mid-crawl and started again. The result is the archive one node would
// have made, and politeness held at every host throughout.
func TestChaosThreeNodesOneKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("processes and a crawl of some seconds")
	}
	ctx := context.Background()
	dsn := server.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)

	var sites []*site
	for i := 2; i <= 5; i++ {
		i := i
		sites = append(sites, startSite(t, fmt.Sprintf("127.0.0.%d", i), func() string { return sites[(i-1)%4].host }))
	}
	var hosts []string
	for _, s := range sites {
		hosts = append(hosts, s.host)
	}

	st, err := pg.Open(ctx, dsn, nodeOptions("observer"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, err := st.StartCrawl(ctx, "chaos", "http://"+hosts[0], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var seeds []archive.FrontierEntry
	for _, h := range hosts {
		u := "http://" + h + "/p/0"
		seeds = append(seeds, archive.FrontierEntry{Key: "url:" + u, URL: u})
	}
	if _, err := st.AddToFrontier(ctx, crawl, seeds); err != nil {
		t.Fatal(err)
	}

	base := t.TempDir()
	start := func(name string) *exec.Cmd {
		cfg, _ := json.Marshal(nodeConfig{DSN: dsn, Name: name, WARCDir: filepath.Join(base, name), S3: bucket.URL, Crawl: crawl, Hosts: hosts})
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), nodeEnv+"="+string(cfg))
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	procs := map[string]*exec.Cmd{}
	for _, name := range []string{"node1", "node2", "node3"} {
		procs[name] = start(name)
	}
	defer func() {
		for _, p := range procs {
			p.Process.Kill()
			p.Wait()
		}
	}()

	// Kill node2 once the crawl is well under way, holding leases.
	deadline := time.Now().Add(30 * time.Second)
	var held int
	for time.Now().Before(deadline) {
		ls, err := st.Leases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range ls {
			if l.Owner == "node2" && !l.Expired {
				n++
			}
		}
		if total(sites) >= 25 && n > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if time.Now().After(deadline) {
		t.Fatalf("the crawl did not get under way: %d requests", total(sites))
	}
	procs["node2"].Process.Signal(syscall.SIGKILL)
	procs["node2"].Wait()
	ls, _ := st.Leases(ctx)
	for _, l := range ls {
		if l.Owner == "node2" {
			held++
		}
	}
	t.Logf("node2 killed after %d requests, holding %d leases", total(sites), held)
	time.Sleep(300 * time.Millisecond)
	procs["node2"] = start("node2")

	for name, p := range procs {
		done := make(chan error, 1)
		go func() { done <- p.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(90 * time.Second):
			t.Fatalf("%s did not finish", name)
		}
	}
	procs = nil

	// The frontier: every URL once, done; no lease left.
	counts, err := st.FrontierCounts(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 1 || counts[0].State != archive.FrontierDone || counts[0].N != int64(pages*len(hosts)) {
		t.Errorf("frontier %+v, want %d URLs done", counts, pages*len(hosts))
	}
	if ls, _ := st.Leases(ctx); len(ls) != 0 {
		t.Errorf("leases left: %+v", ls)
	}
	// Refetches: no more than the leases the dead node held.
	refetched := 0
	for _, s := range sites {
		for p, n := range s.hits {
			if n > 1 {
				refetched += n - 1
				t.Logf("%s%s fetched %d times", s.host, p, n)
			}
		}
		if len(s.hits) != pages {
			t.Errorf("%s: %d pages fetched, want %d", s.host, len(s.hits), pages)
		}
	}
	if refetched > held {
		t.Errorf("%d refetches, more than the %d leases the killed node held", refetched, held)
	}
	// Politeness at every host.
	const tolerance = 15 * time.Millisecond
	for _, s := range sites {
		if s.peak > 1 {
			t.Errorf("%s: %d requests at once, limit 1", s.host, s.peak)
		}
		sort.Slice(s.arrivals, func(i, j int) bool { return s.arrivals[i].Before(s.arrivals[j]) })
		for i := 1; i < len(s.arrivals); i++ {
			if gap := s.arrivals[i].Sub(s.arrivals[i-1]); gap < hostDelay-tolerance {
				t.Errorf("%s: requests %d and %d %s apart, delay %s", s.host, i-1, i, gap, hostDelay)
			}
		}
	}
	checkCaptures(t, ctx, st, bucket, crawl, hosts, refetched)
}

func total(sites []*site) int {
	n := 0
	for _, s := range sites {
		s.mu.Lock()
		n += len(s.arrivals)
		s.mu.Unlock()
	}
	return n
}

// checkCaptures: every URL captured, once but for refetches; every WARC
// file stored with the size and sha256 the catalog names; every capture's
// record read back from the bucket by range; the files read by an
// independent reader when one is installed.
func checkCaptures(t *testing.T, ctx context.Context, st *pg.Store, bucket *s3test.Server, crawl int64, hosts []string, refetched int) {
	t.Helper()
	caps, err := st.CapturesOf(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	if len(caps) < pages*len(hosts) || len(caps) > pages*len(hosts)+refetched {
		t.Errorf("%d captures for %d URLs and %d refetches", len(caps), pages*len(hosts), refetched)
	}
	if n, err := st.PendingCaptures(ctx); err != nil || n != 0 {
		t.Errorf("%d captures pending upload (%v)", n, err)
	}
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: bucket.URL, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	files, err := st.WARCFiles(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]pg.WARCFile{}
	dl := t.TempDir()
	for _, f := range files {
		byName[f.Name] = f
		if f.State != "stored" {
			t.Errorf("%s: %s", f.Name, f.State)
			continue
		}
		rc, err := s3.Open(ctx, f.Name, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: object of %d bytes sha256 %x, catalog %d %s", f.Name, len(data), sum, f.Size, f.SHA256)
		}
		os.WriteFile(filepath.Join(dl, f.Name), data, 0o644)
	}
	for _, c := range caps {
		if _, ok := byName[c.WARCFile]; !ok {
			t.Errorf("capture %d: its file %s is not catalogued", c.ID, c.WARCFile)
			continue
		}
		rc, err := s3.Open(ctx, c.WARCFile, c.WARCOffset, c.WARCLength)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := archive.ReadResponseFrom(ctx, rc, c.WARCOffset)
		rc.Close()
		if err != nil || resp.TargetURI != c.URL {
			t.Errorf("capture %d of %s read back: %v", c.ID, c.URL, err)
		}
	}
	if err := warccheck(dl); err != nil {
		t.Error(err)
	}
}

// warccheck reads the WARC files in dir with warcio.js when
// ARCHIVIO_WARCCHECK names an installed warccheck tool.
func warccheck(dir string) error {
	checker := os.Getenv("ARCHIVIO_WARCCHECK")
	if checker == "" {
		return nil
	}
	out, err := exec.Command("node", filepath.Join(checker, "warccheck.mjs"), dir).Output()
	if err != nil {
		return fmt.Errorf("warccheck: %v\n%s", err, out)
	}
	var r struct {
		Counts     map[string]int `json:"counts"`
		Mismatches *int           `json:"mismatches"`
		Errors     []string       `json:"errors"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return fmt.Errorf("warccheck output: %v", err)
	}
	if r.Mismatches == nil || *r.Mismatches != 0 || len(r.Errors) != 0 || r.Counts["response"] == 0 {
		return fmt.Errorf("warccheck: %s", strings.TrimSpace(string(out)))
	}
	return nil
}
