package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/demosite"
	"archivio/internal/jobs"
	"archivio/source/osservatorio"
)

// The randomized kill test. Each trial serves a fresh demo site on
// loopback, crawls it in a child process, kills the child with SIGKILL at
// a moment drawn from the trial's random source, resumes with --resume,
// kills again, and so on, until a run ends by itself; then it checks the
// archive. Run more trials locally with
//
//	ARCHIVIO_KILL_TRIALS=100 go test ./cmd/archivio -run TestKillResumeRandomized -v
//
// (4 trials by default, 2 with the race detector), and replay a failed
// trial with the seed and trial number it prints (ARCHIVIO_KILL_SEED,
// ARCHIVIO_KILL_TRIAL).
func TestKillResumeRandomized(t *testing.T) {
	trials := 4
	if raceBuild {
		trials = 2
	}
	if v := os.Getenv("ARCHIVIO_KILL_TRIALS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ARCHIVIO_KILL_TRIALS=%q: want a positive count", v)
		}
		trials = n
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("ARCHIVIO_KILL_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("ARCHIVIO_KILL_SEED=%q: want an unsigned integer", v)
		}
		seed = s
	}
	first := 0
	if v := os.Getenv("ARCHIVIO_KILL_TRIAL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Fatalf("ARCHIVIO_KILL_TRIAL=%q: want a trial number", v)
		}
		first, trials = n, 1
	}
	t.Logf("seed %d (replay with ARCHIVIO_KILL_SEED=%d), %d trials", seed, seed, trials)
	var kills, runs int
	start := time.Now()
	for i := first; i < first+trials; i++ {
		k := killTrial{t: t, seed: seed, trial: i, rng: rand.New(rand.NewPCG(seed, uint64(i)))}
		if !k.run() {
			t.Fatalf("trial %d failed; replay it with ARCHIVIO_KILL_SEED=%d ARCHIVIO_KILL_TRIAL=%d (the kill moments are drawn again, their timing may differ)", i, seed, i)
		}
		kills += k.kills
		runs += k.runs
	}
	t.Logf("%d trials, %d runs, %d kills in %.1fs", trials, runs, kills, time.Since(start).Seconds())
}

// killTrial is one site crawled through kills and resumes.
type killTrial struct {
	t     *testing.T
	seed  uint64
	trial int
	rng   *rand.Rand
	// commitsOnly makes every kill land while a write transaction of the
	// catalog is open (TestKillDuringGroupCommit).
	commitsOnly bool

	records, pageSize int
	dir               string
	smallFiles        bool // a small --warc-size: rotations every few pages
	site              *demosite.Site

	baseURL string

	mu       sync.Mutex
	current  int               // the current child's number
	served   map[int][]string  // paths served, by run
	onServed func(path string) // the current run's kill trigger, or nil
	// wholeAt maps a record path to the run at whose kill its 200 answer
	// was whole in the WARC files: no later run may fetch it again.
	wholeAt  map[string]int
	kills    int
	midCrawl int // kills that left the crawl unfinished
	runs     int
	moments  []string // how each run ended, for failure messages
}

func (k *killTrial) errorf(format string, args ...any) {
	k.t.Helper()
	k.t.Errorf("trial %d (seed %d; runs: %s): %s", k.trial, k.seed, strings.Join(k.moments, ", "), fmt.Sprintf(format, args...))
}

// handler serves the demo site without a sitemap, so that the listing
// pages are the only way to the records, noting what each run was served
// and calling the run's kill trigger after a response has gone out.
func (k *killTrial) handler() http.Handler {
	next := k.site.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sitemap.xml" {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		uri := r.URL.RequestURI()
		k.mu.Lock()
		k.served[k.current] = append(k.served[k.current], uri)
		trigger := k.onServed
		k.mu.Unlock()
		if trigger != nil {
			trigger(uri)
		}
	})
}

// run crawls the trial's site through kills and resumes and checks the
// result; it reports whether the trial passed.
func (k *killTrial) run() bool {
	t := k.t
	k.records = 60 + k.rng.IntN(80)
	k.pageSize = 20
	site, err := demosite.New(demosite.Options{Records: k.records, PageSize: k.pageSize})
	if err != nil {
		t.Fatal(err)
	}
	k.site = site
	k.served = map[int][]string{}
	k.wholeAt = map[string]int{}
	srv := httptest.NewServer(k.handler())
	defer srv.Close()
	k.baseURL = srv.URL
	k.dir = t.TempDir()
	warcSize := "1073741824"
	if k.smallFiles = k.rng.IntN(2) == 0; k.smallFiles {
		warcSize = strconv.Itoa(8<<10 + k.rng.IntN(32<<10))
	}
	args := []string{"crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0",
		"--parallel", strconv.Itoa(1 + k.rng.IntN(4)), "--warc-size", warcSize, "--data", k.dir, "--quiet"}

	maxKills := 1 + k.rng.IntN(4)
	for run := 0; ; run++ {
		if run > maxKills+3 {
			k.errorf("the crawl did not finish after %d runs", run)
			return false
		}
		a := args
		if run > 0 {
			a = append(append([]string(nil), args...), "--resume")
		}
		killed, out, err := k.child(run, run < maxKills, a)
		if killed {
			k.kills++
			k.noteWhole(run)
			if !k.finished() {
				k.midCrawl++
			}
			if k.finished() {
				// The kill came after the crawl had finished (while the
				// process printed its report or closed): a --resume now
				// would start a new crawl.
				k.moments[len(k.moments)-1] += " after the crawl was done"
				k.t.Logf("trial %d: %s", k.trial, k.moments[len(k.moments)-1])
				break
			}
			continue
		}
		if err != nil {
			k.errorf("run %d: %v\n%s", run, err, out)
			return false
		}
		if !strings.Contains(out, ": done") {
			k.errorf("run %d ended without a done crawl:\n%s", run, out)
			return false
		}
		break
	}
	k.t.Logf("trial %d: %s", k.trial, strings.Join(k.moments, ", "))
	return k.check()
}

// TestKillDuringGroupCommit kills every run while one of the catalog's
// group commits is open (captures, settled pages, their links and
// records written together), then resumes: no record page whose answer
// was whole in the WARC files is fetched again, every record is stored,
// and the report agrees with the catalog.
func TestKillDuringGroupCommit(t *testing.T) {
	trials := 3
	if raceBuild {
		trials = 1
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	kills := 0
	for i := range trials {
		k := killTrial{t: t, seed: seed, trial: i, rng: rand.New(rand.NewPCG(seed, uint64(i))), commitsOnly: true}
		if !k.run() {
			t.Fatalf("trial %d failed (seed %d)", i, seed)
		}
		kills += k.midCrawl
	}
	if kills == 0 {
		t.Errorf("no run was killed during a commit before its crawl was done, in %d trials", trials)
	}
}

// finished reports whether the catalog's latest crawl is done. A child
// killed early may have left no catalog yet, or an empty one: not done.
func (k *killTrial) finished() bool {
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(k.dir, archive.DBName)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return false
	}
	defer db.Close()
	var status string
	err = db.QueryRow(`SELECT status FROM crawls ORDER BY id DESC LIMIT 1`).Scan(&status)
	return err == nil && status == "done"
}

// child runs one crawl. When kill is set, it plans a SIGKILL at a random
// moment; killed reports whether the child died of it.
func (k *killTrial) child(run int, kill bool, args []string) (killed bool, out string, err error) {
	cmd := child(k.t, args...)
	var buf strings.Builder
	cmd.Stdout, cmd.Stderr = &buf, &buf
	k.mu.Lock()
	k.current = run
	k.onServed = nil
	k.mu.Unlock()
	k.runs++
	if err := cmd.Start(); err != nil {
		k.t.Fatal(err)
	}
	var once sync.Once
	var moment string
	doKill := func(why string) {
		once.Do(func() {
			moment = why
			cmd.Process.Kill()
		})
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if kill {
		k.plan(run, doKill, stop, &wg)
	}
	err = cmd.Wait()
	close(stop)
	wg.Wait()
	k.mu.Lock()
	k.onServed = nil
	k.mu.Unlock()
	var exit *exec.ExitError
	if moment != "" && errors.As(err, &exit) && exit.ExitCode() == -1 {
		k.moments = append(k.moments, fmt.Sprintf("run %d killed %s", run, moment))
		return true, buf.String(), nil
	}
	k.moments = append(k.moments, fmt.Sprintf("run %d ended by itself", run))
	return false, buf.String(), err
}

// plan arms one kill trigger for the run: right after a listing page is
// served, as soon as the catalog shows a listing page settled, after the
// n-th response, during a WARC rotation (when files are small), while the
// catalog's n-th write transaction (a group commit, mostly) is open, or
// after a random time.
func (k *killTrial) plan(run int, kill func(string), stop chan struct{}, wg *sync.WaitGroup) {
	pages := (k.records + k.pageSize - 1) / k.pageSize
	page := 1 + k.rng.IntN(pages)
	delay := time.Duration(k.rng.IntN(4000)) * time.Microsecond
	watch := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	r := k.rng.IntN(100)
	if k.commitsOnly {
		r = 72
	}
	switch {
	case r < 20:
		target := "/processi?page=" + strconv.Itoa(page)
		k.setTrigger(func(uri string) {
			if uri == target || (page == 1 && uri == "/processi") {
				time.AfterFunc(delay, func() { kill(fmt.Sprintf("%v after listing page %d was served", delay, page)) })
			}
		})
	case r < 45:
		watch(func() { k.watchSettled(page, kill, stop) })
	case r < 57 && k.smallFiles:
		rotations := 1 + k.rng.IntN(4)
		watch(func() { k.watchRotations(rotations, kill, stop) })
	case r < 72:
		n := 1 + k.rng.IntN(k.records+pages)
		var mu sync.Mutex
		count := 0
		k.setTrigger(func(string) {
			mu.Lock()
			count++
			hit := count == n
			mu.Unlock()
			if hit {
				time.AfterFunc(delay, func() { kill(fmt.Sprintf("%v after response %d", delay, n)) })
			}
		})
	case r < 90:
		n := 2 + k.rng.IntN(6)
		if k.commitsOnly {
			n = 2 + k.rng.IntN(3) // early: most kills land before the crawl is done
		}
		watch(func() { k.watchCommits(n, kill, stop) })
	default:
		after := time.Duration(k.rng.IntN(400)) * time.Millisecond
		watch(func() {
			select {
			case <-time.After(after):
				kill(fmt.Sprintf("after %v", after))
			case <-stop:
			}
		})
	}
}

// watchSettled kills the child as soon as the catalog shows listing page
// n settled: the moment a page noted done before its links were queued
// would lose them.
func (k *killTrial) watchSettled(n int, kill func(string), stop chan struct{}) {
	keys := []any{"url:/processi?page=" + strconv.Itoa(n)}
	if n == 1 {
		keys = append(keys, "url:/processi")
	}
	var db *sql.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	for {
		select {
		case <-stop:
			return
		default:
		}
		if db == nil {
			path := filepath.Join(k.dir, archive.DBName)
			if _, err := os.Stat(path); err == nil {
				db, _ = sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=1000")
			}
		}
		if db != nil {
			var settled int
			q := `SELECT COUNT(*) FROM frontier WHERE state != 'queued' AND key IN (?` + strings.Repeat(", ?", len(keys)-1) + `)`
			if db.QueryRow(q, keys...).Scan(&settled) == nil && settled > 0 {
				kill(fmt.Sprintf("when listing page %d was settled", n))
				return
			}
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// watchCommits kills the child while its n-th write transaction is open:
// the catalog's group commits, where captures, settled pages, their links
// and their records are written together. A transaction is seen open when
// taking the database's write lock fails at once (BEGIN IMMEDIATE, no
// busy timeout); when it is taken instead, it is given back at once.
func (k *killTrial) watchCommits(n int, kill func(string), stop chan struct{}) {
	var db *sql.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	seen, open := 0, false
	for {
		select {
		case <-stop:
			return
		default:
		}
		if db == nil {
			// Only once the child has put the new catalog in WAL mode (its
			// -wal file exists): taking the lock of a catalog still being
			// created would fail the child's setup, not test a commit.
			path := filepath.Join(k.dir, archive.DBName)
			if _, err := os.Stat(path + "-wal"); err == nil {
				db, _ = sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0&_txlock=immediate")
				if db != nil {
					db.SetMaxOpenConns(1)
				}
			}
		}
		if db != nil {
			tx, err := db.Begin()
			switch {
			case err == nil:
				tx.Rollback()
				open = false
			case strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy"):
				if !open {
					seen++
					open = true
				}
				if seen == n {
					kill(fmt.Sprintf("while write transaction %d was open", n))
					return
				}
			}
		}
		time.Sleep(50 * time.Microsecond)
	}
}

func (k *killTrial) setTrigger(f func(string)) {
	k.mu.Lock()
	k.onServed = f
	k.mu.Unlock()
}

// watchRotations kills the child as soon as it has finished its n-th WARC
// file since the watch began (a new NAME.warc.gz appears), while it opens
// the next one.
func (k *killTrial) watchRotations(n int, kill func(string), stop chan struct{}) {
	closed := func() map[string]bool {
		m := map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz"))
		for _, f := range files {
			m[f] = true
		}
		return m
	}
	before := closed()
	for {
		select {
		case <-stop:
			return
		default:
		}
		now := closed()
		fresh := 0
		for f := range now {
			if !before[f] {
				fresh++
			}
		}
		if fresh >= n {
			kill(fmt.Sprintf("at WARC rotation %d", n))
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// noteWhole notes the record pages whose 200 answer is whole in the
// WARC files after the kill of run.
func (k *killTrial) noteWhole(run int) {
	files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz*"))
	for _, f := range files {
		if strings.HasSuffix(f, ".cdxj") {
			continue
		}
		// A killed file may end with a cut record: the scan stops there.
		archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if _, ok := osservatorio.RecordID(r.TargetURI); ok && r.Type == "response" && r.StatusCode == http.StatusOK {
				p := strings.TrimPrefix(r.TargetURI, k.baseURL)
				if _, ok := k.wholeAt[p]; !ok {
					k.wholeAt[p] = run
				}
			}
			return nil
		})
	}
}

// check asserts what a crawl through kills must leave: every record
// stored, no record page fetched again once archived, every WARC record
// readable, no file left open, and a report that agrees with the catalog.
func (k *killTrial) check() bool {
	t := k.t
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		ok = false
		k.errorf(format, args...)
	}
	ctx := context.Background()

	// No record page archived whole before a kill was fetched again.
	k.mu.Lock()
	for p, at := range k.wholeAt {
		for run := at + 1; run < k.runs; run++ {
			for _, uri := range k.served[run] {
				if uri == p {
					fail("%s was archived whole before the kill of run %d and fetched again in run %d", p, at, run)
				}
			}
		}
	}
	k.mu.Unlock()

	// WARC files: all closed, all readable, each record page once.
	if open, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.open")); len(open) != 0 {
		fail("WARC files left open: %v", open)
	}
	perRecord := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz"))
	for _, f := range files {
		err := archive.ScanWARC(ctx, f, func(r archive.ScannedRecord) error {
			if r.Type != "response" && r.Type != "revisit" {
				return nil
			}
			if _, isRecord := osservatorio.RecordID(r.TargetURI); isRecord && r.StatusCode == http.StatusOK {
				perRecord[r.TargetURI]++
			}
			_, err := archive.ReadResponse(ctx, f, r.Offset)
			return err
		})
		if err != nil {
			fail("%s: %v", filepath.Base(f), err)
		}
	}
	for u, n := range perRecord {
		if n != 1 {
			fail("%s archived %d times with 200", u, n)
		}
	}
	if err := warccheck(t, filepath.Join(k.dir, "warc")); err != nil {
		fail("independent reader: %v", err)
	}

	// The catalog: every record stored, the report agrees with it.
	st, err := archive.Open(ctx, k.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.LatestVersions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int]bool{}
	for _, v := range vs {
		stored[v.RecordID] = true
	}
	var missing []int
	for _, id := range k.site.IDs() {
		if !stored[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		fail("%d of %d records not stored after a crawl that ended done: %v", len(missing), k.records, missing)
	}
	c, err := st.LastCrawl(ctx, "osservatorio")
	if err != nil {
		t.Fatal(err)
	}
	var rep jobs.Report
	if err := json.Unmarshal([]byte(c.Report), &rep); err != nil {
		t.Fatalf("crawl report: %v", err)
	}
	if c.Status != "done" || rep.Status != "done" {
		fail("crawl %d: status %s, report %s", c.ID, c.Status, rep.Status)
	}
	if err := reportMatchesCatalog(ctx, st, c.ID, &rep, len(k.site.IDs())); err != nil {
		fail("report: %v", err)
	}
	return ok
}

// warccheck reads the WARC files in dir with warcio.js when
// ARCHIVIO_WARCCHECK names an installed /work/shared/tools/warccheck (see
// archive's TestWARCIndependentReader): every payload digest must match.
func warccheck(t *testing.T, dir string) error {
	t.Helper()
	checker := os.Getenv("ARCHIVIO_WARCCHECK")
	if checker == "" {
		return nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("ARCHIVIO_WARCCHECK is set but node is not on PATH")
	}
	out, err := exec.Command(node, filepath.Join(checker, "warccheck.mjs"), dir).Output()
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
		return fmt.Errorf("warccheck: %s", out)
	}
	return nil
}

// reportMatchesCatalog checks a finished crawl's report against the
// catalog: the frontier's counts, no URL left queued, no record missing,
// each record page captured with 200 once in the crawl.
func reportMatchesCatalog(ctx context.Context, st *archive.Store, crawlID int64, rep *jobs.Report, records int) error {
	counts, err := st.FrontierCounts(ctx, crawlID)
	if err != nil {
		return err
	}
	var urls, done, failed, excluded, queued int64
	for _, c := range counts {
		urls += c.N
		switch c.State {
		case archive.FrontierDone:
			done += c.N
		case archive.FrontierFailed:
			failed += c.N
		case archive.FrontierExcluded:
			excluded += c.N
		default:
			queued += c.N
		}
	}
	f := rep.Frontier
	if f.URLs != urls || f.Done != done || sum(f.Failed) != failed || sum(f.Excluded) != excluded || f.Unsettled != queued {
		return fmt.Errorf("report frontier %+v; catalog: %d URLs, %d done, %d failed, %d excluded, %d queued", f, urls, done, failed, excluded, queued)
	}
	if queued != 0 || failed != 0 {
		return fmt.Errorf("%d URLs still queued and %d failed in a done crawl of a healthy site: %v", queued, failed, counts)
	}
	if rep.RecordsMissing != 0 || len(rep.MissingRecords) != 0 {
		return fmt.Errorf("records reported missing: %+v", rep.MissingRecords)
	}
	caps, err := st.CapturesOf(ctx, crawlID)
	if err != nil {
		return err
	}
	perRecord := map[int]int{}
	for _, c := range caps {
		if id, ok := osservatorio.RecordID(c.URL); ok && c.Status == http.StatusOK {
			perRecord[id]++
		}
	}
	if len(perRecord) != records {
		return fmt.Errorf("%d record pages captured with 200 in crawl %d, want %d", len(perRecord), crawlID, records)
	}
	for id, n := range perRecord {
		if n != 1 {
			return fmt.Errorf("record %d captured %d times with 200", id, n)
		}
	}
	return nil
}
