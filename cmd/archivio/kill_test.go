package main

import (
	"database/sql"
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
