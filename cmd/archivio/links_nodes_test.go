package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/jobs"
)

// linkHosts are web servers on distinct loopback addresses whose pages
// answer slowly, 200 or 404 as told, and which note when each request
// arrived and how many were in flight at once on each host.
type linkHosts struct {
	servers []*httptest.Server
	gone    atomic.Bool // the /gone/ pages answer 404 while set

	mu          sync.Mutex
	arrivals    map[string][]time.Time // host -> first request of each check (HEAD), by arrival
	heads       map[string]int         // link URL -> HEAD requests
	inFlight    map[string]int
	maxInFlight map[string]int
}

func startLinkHosts(t *testing.T, n int, answer time.Duration) *linkHosts {
	t.Helper()
	h := &linkHosts{arrivals: map[string][]time.Time{}, heads: map[string]int{}, inFlight: map[string]int{}, maxInFlight: map[string]int{}}
	h.gone.Store(true)
	for i := range n {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
		if err != nil {
			t.Skipf("no loopback address 127.0.0.%d: %v", i+2, err)
		}
		srv := httptest.NewUnstartedServer(http.HandlerFunc(h.serve))
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		t.Cleanup(srv.Close)
		h.servers = append(h.servers, srv)
	}
	return h
}

func (h *linkHosts) serve(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	h.mu.Lock()
	if r.Method == http.MethodHead && (strings.HasPrefix(r.URL.Path, "/ok/") || strings.HasPrefix(r.URL.Path, "/gone/")) {
		h.arrivals[host] = append(h.arrivals[host], time.Now())
		h.heads["http://"+host+r.URL.Path]++
	}
	h.inFlight[host]++
	h.maxInFlight[host] = max(h.maxInFlight[host], h.inFlight[host])
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		h.inFlight[host]--
		h.mu.Unlock()
	}()
	time.Sleep(30 * time.Millisecond)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if strings.HasPrefix(r.URL.Path, "/gone/") && h.gone.Load() || !strings.HasPrefix(r.URL.Path, "/ok/") && !strings.HasPrefix(r.URL.Path, "/gone/") {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html><head><title>Not found</title></head><body><h1>Not found</h1><p>No such page here.</p></body></html>")
		return
	}
	fmt.Fprintf(w, "<html><head><title>Processo %s</title></head><body><h1>Processo partecipativo %s</h1><p>%s</p></body></html>",
		r.URL.Path, r.URL.Path, strings.Repeat("Un testo sul processo partecipativo e i suoi incontri. ", 20))
}

// headCount is how many checks of links have begun so far.
func (h *linkHosts) headCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, a := range h.arrivals {
		n += len(a)
	}
	return n
}

// reset forgets what was asked.
func (h *linkHosts) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	clear(h.arrivals)
	clear(h.heads)
	clear(h.maxInFlight)
}

// linksNode is an "archivio links check" process as a node.
type linksNode struct {
	name        string
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
}

func startLinksNode(t *testing.T, dsn, name, data string, args []string) *linksNode {
	t.Helper()
	c := child(t, append(slices.Clone(args), "--data", data)...)
	c.Env = append(c.Env, "TEST_ARCHIVIO_PG="+dsn, "ARCHIVIO_NODE="+name)
	n := &linksNode{name: name, cmd: c}
	c.Stdout, c.Stderr = &n.out, &n.errOut
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Process.Kill() })
	return n
}

func (n *linksNode) report(t *testing.T) jobs.LinksReport {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- n.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		n.cmd.Process.Signal(syscall.SIGQUIT)
		<-done
		t.Fatalf("%s did not end in 2 minutes\n%s\n%s", n.name, n.out.String(), n.errOut.String())
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s\n%s", n.name, err, n.out.String(), n.errOut.String())
	}
	var rep jobs.LinksReport
	if err := json.Unmarshal(n.out.Bytes(), &rep); err != nil || rep.Run == nil {
		t.Fatalf("%s: report: %v\n%s", n.name, err, n.out.String())
	}
	return rep
}

// TestLinksCheckOnNodesKilledAndRestarted has three "archivio links
// check" processes share a run of the shared catalog's links, spread
// over four loopback hosts paced at a delay: two already paced one
// check at a time (as a crawl paces its site), two paced by the run
// (--host-delay, two at once); one node is killed with SIGKILL mid-run
// and started again. Each link is checked once in the run (asked again
// only for the leases the killed node held), each host sees its checks
// at least the delay apart and never more at once than its limit, each
// link that went down raises one alert, no lease is left, and one node
// finishes the run. A second run, on two nodes, brings the links back
// up: one alert each again. On the hosts with two checks at once, the
// delay separates the claims; their requests reach the host later by
// each node's own scheduling, which a loaded machine stretches (by 70 ms
// seen): there the mean gap is checked against the delay.
func TestLinksCheckOnNodesKilledAndRestarted(t *testing.T) {
	const (
		hostCount    = 4
		perHostLinks = 16
		delay        = 100 * time.Millisecond
		tolerance    = 15 * time.Millisecond
	)
	hosts := startLinkHosts(t, hostCount, 30*time.Millisecond)
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)
	ctx := context.Background()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// The first two hosts are paced already: one check at a time.
	limits := map[string]int{}
	for i, srv := range hosts.servers {
		key, err := st.HostKey(ctx, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		limits[strings.TrimPrefix(srv.URL, "http://")] = jobs.LinksPerHost
		if i < 2 {
			if err := st.SetHostPace(ctx, key, delay, 1); err != nil {
				t.Fatal(err)
			}
			limits[strings.TrimPrefix(srv.URL, "http://")] = 1
		}
	}
	var urls, goneURLs []string
	for _, srv := range hosts.servers {
		for i := range perHostLinks {
			kind := "ok"
			if i%4 == 0 {
				kind = "gone"
			}
			u := fmt.Sprintf("%s/%s/%d", srv.URL, kind, i)
			urls = append(urls, u)
			if kind == "gone" {
				goneURLs = append(goneURLs, u)
			}
			if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
				t.Fatal(err)
			}
		}
	}
	args := []string{"links", "check", "--config", cfg, "--allow-private", "--snapshot-depth", "-1", "--timeout", "10s",
		"--fail-threshold", "1", "--fail-window", "0", "--recover-threshold", "1", "--host-delay", delay.String(),
		"--parallel", "4", "--exit-zero", "--format", "json", "--quiet"}

	data1 := t.TempDir()
	n1 := startLinksNode(t, dsn, "node1", data1, args)
	n2 := startLinksNode(t, dsn, "node2", t.TempDir(), args)
	n3 := startLinksNode(t, dsn, "node3", t.TempDir(), args)
	// Killed a third of the way, while it holds a lease (a check under
	// way): the lease it leaves is released when it starts again.
	holds := func() bool {
		ls, err := st.Leases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(ls, func(l pg.LeaseState) bool { return l.Owner == "node1" && !l.Expired })
	}
	deadline := time.Now().Add(time.Minute)
	for hosts.headCount() < len(urls)/3 || !holds() {
		if time.Now().After(deadline) {
			t.Fatalf("the run did not get a third of the way with node1 checking\n%s\n%s", n1.errOut.String(), n2.errOut.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := n1.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	n1.cmd.Wait()
	held := 0
	leases, err := st.Leases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leases {
		if l.Owner == "node1" {
			held++
		}
	}
	again := startLinksNode(t, dsn, "node1", data1, args)
	reps := []jobs.LinksReport{again.report(t), n2.report(t), n3.report(t)}
	run := reps[0].Run.ID
	finished, checked := 0, 0
	for i, r := range reps {
		t.Logf("%s: %d links checked, %d alerts, finished the run %v", r.Run.Node, r.Checked, len(r.Alerts), r.Run.FinishedHere)
		checked += r.Checked
		if r.Run.ID != run || r.Run.Tally.Unsettled != 0 || len(r.Run.Tally.Incomplete) != 0 || r.Run.Tally.Links != len(urls) {
			t.Errorf("report %d: run %+v", i, r.Run)
		}
		if r.Run.FinishedHere {
			finished++
		}
	}
	if !reps[0].Run.Joined || finished != 1 {
		t.Errorf("the restarted node joined %v; %d nodes finished the run, want 1", reps[0].Run.Joined, finished)
	}
	if c, err := st.Crawl(ctx, run); err != nil || c.Status != "done" || c.Source != pg.LinkRunSource {
		t.Errorf("the run: %+v, %v", c, err)
	}

	// Each link checked once in the run, by the catalog's count.
	var perURL map[string]int = map[string]int{}
	rows, err := conn.Query(ctx, `SELECT url, COUNT(*) FROM link_checks WHERE run_id = $1 GROUP BY url`, run)
	if err != nil {
		t.Fatal(err)
	}
	var u string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&u, &n}, func() error { perURL[u] = n; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if perURL[u] != 1 {
			t.Errorf("%s: %d checks in the run, want 1", u, perURL[u])
		}
	}
	// Asked again only for what the killed node held.
	hosts.mu.Lock()
	refetched := 0
	for _, u := range urls {
		if hosts.heads[u] == 0 {
			t.Errorf("%s was never asked", u)
		}
		refetched += max(hosts.heads[u]-1, 0)
	}
	t.Logf("killed with %d leases held; %d links asked again; in flight at most %v", held, refetched, hosts.maxInFlight)
	if refetched > held {
		t.Errorf("%d links asked again, more than the %d leases the killed node held", refetched, held)
	}
	checkPace(t, hosts, delay, tolerance, limits)
	hosts.mu.Unlock()

	// One down alert per link gone, none for the others.
	alerts, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	downs := map[string]int{}
	for _, a := range alerts {
		if a.Kind != "down" {
			t.Errorf("alert %+v in the first run", a)
		}
		downs[a.URL]++
	}
	for _, u := range goneURLs {
		if downs[u] != 1 {
			t.Errorf("%s: %d down alerts, want 1", u, downs[u])
		}
	}
	if len(alerts) != len(goneURLs) {
		t.Errorf("%d alerts, want %d", len(alerts), len(goneURLs))
	}
	if left, err := st.Leases(ctx); err != nil || len(left) != 0 {
		t.Errorf("leases left after the run: %+v %v", left, err)
	}
	out, errOut, err := runWith(t, getenv, runStatus, "--config", cfg)
	if err != nil {
		t.Fatalf("status: %v\n%s", err, errOut)
	}
	for _, want := range []string{"leases     0 live, 0 expired",
		fmt.Sprintf("links run  %d done, started ", run), fmt.Sprintf(": %d of %d links checked, 0 failed unchecked, 0 queued, 0 leased", len(urls), len(urls))} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}

	// The second run on two nodes: the gone links are back, each raises
	// one up alert.
	hosts.gone.Store(false)
	hosts.reset()
	second := []*linksNode{startLinksNode(t, dsn, "node1", data1, args), startLinksNode(t, dsn, "node2", t.TempDir(), args)}
	for _, n := range second {
		r := n.report(t)
		if r.Run.ID == run || r.Run.Tally.Checked != len(urls) {
			t.Errorf("%s in the second run: %+v", n.name, r.Run)
		}
	}
	alerts, err = st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ups := map[string]int{}
	for _, a := range alerts {
		if a.Kind == "up" {
			ups[a.URL]++
		}
	}
	for _, u := range goneURLs {
		if ups[u] != 1 {
			t.Errorf("%s: %d up alerts, want 1", u, ups[u])
		}
	}
	if len(alerts) != 2*len(goneURLs) {
		t.Errorf("%d alerts after two runs, want %d", len(alerts), 2*len(goneURLs))
	}
	hosts.mu.Lock()
	for _, u := range urls {
		if hosts.heads[u] != 1 {
			t.Errorf("%s asked %d times in the second run, want 1", u, hosts.heads[u])
		}
	}
	checkPace(t, hosts, delay, tolerance, limits)
	hosts.mu.Unlock()
	if left, err := st.Leases(ctx); err != nil || len(left) != 0 {
		t.Errorf("leases left after the second run: %+v %v", left, err)
	}
}

// checkPace checks that each host saw its checks begin at least delay
// apart (less tolerance; on average where two checks may be in flight)
// and never more than its limit of requests at once. The caller holds
// h.mu.
func checkPace(t *testing.T, h *linkHosts, delay, tolerance time.Duration, limits map[string]int) {
	t.Helper()
	for host, at := range h.arrivals {
		sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
		least := time.Duration(1 << 62)
		for i := 1; i < len(at); i++ {
			least = min(least, at[i].Sub(at[i-1]))
			if at[i].Sub(at[i-1]) < delay {
				t.Logf("host %s: checks %d and %d began %v apart, %v after the first", host, i-1, i, at[i].Sub(at[i-1]), at[i-1].Sub(at[0]))
			}
		}
		limit := limits[host]
		mean := at[len(at)-1].Sub(at[0]) / time.Duration(len(at)-1)
		t.Logf("host %s: %d checks, least gap %v, mean %v, at most %d in flight of %d", host, len(at), least, mean, h.maxInFlight[host], limit)
		if limit == 1 && least < delay-tolerance {
			t.Errorf("host %s: two checks began %v apart, want at least %v (less %v)", host, least, delay, tolerance)
		}
		if limit > 1 && mean < delay-tolerance {
			t.Errorf("host %s: checks began %v apart on average, want at least %v (less %v)", host, mean, delay, tolerance)
		}
		if h.maxInFlight[host] > limit || limit == 0 {
			t.Errorf("host %s: %d requests at once, want at most %d", host, h.maxInFlight[host], limit)
		}
	}
}
