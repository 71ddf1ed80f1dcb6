// Command crawlbench measures archivio's crawl against what the server can
// deliver and against wget, on the lean benchmark site
// (internal/demo/leansite: N copies of a real record page, 20 to a listing
// page, one URL shape, served on a loopback port by this process).
//
//	go run ./tools/crawlbench                                  # 2,000 and 20,000 records, parallel 4 and 8, 3 rounds
//	go run ./tools/crawlbench -records 2000 -parallel 4 -rounds 1 -wget=false
//	go run ./tools/crawlbench -baseline /tmp/archivio-old                # beside an earlier build
//
// Each round runs, for each site size, one after the other on a fresh
// site each: for each parallel P, archivio crawl --delay 0 --parallel P
// (archiving, parsing and cataloguing everything) and the plain GET loop
// (P workers GET the same URLs once each, reading the bodies: what the
// server delivers at that concurrency); then wget --recursive --warc-file
// (one connection). With -baseline, an earlier archivio binary crawls
// beside it, alternating (named "baseline" in the table). The table gives
// the medians over the rounds of each figure: wall time, records per second, archivio's rate as a share of
// the GET loop's at the same concurrency and its wall time over wget's,
// CPU per record (user + system of the crawling process over the
// records), peak RSS (VmHWM), the WARC files' size and archivio's
// catalog per record (archivio.db over the records). The machine's load
// average is printed before and after: measure side by side, in one run.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"archivio/internal/demo/leansite"
)

func main() {
	if err := runBench(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "crawlbench:", err)
		os.Exit(1)
	}
}

// config is what to measure.
type config struct {
	sizes     []int
	parallels []int
	rounds    int
	wget      bool
	bin       string
	baseline  string // another archivio binary measured beside it, or ""
	work      string
}

func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("crawlbench", flag.ContinueOnError)
	sizes := fs.String("records", "2000,20000", "site sizes to crawl, comma-separated")
	parallels := fs.String("parallel", "4,8", "archivio's parallel requests (and the GET loop's), comma-separated")
	rounds := fs.Int("rounds", 3, "rounds: the figures are medians over them")
	withWget := fs.Bool("wget", true, "also crawl with wget --recursive --warc-file")
	bin := fs.String("archivio", "", "archivio binary (default: build ./cmd/archivio)")
	baseline := fs.String("baseline", "", "another archivio binary (an earlier build) to measure beside it, alternating")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config{rounds: *rounds, wget: *withWget, bin: *bin, baseline: *baseline}
	var err error
	if cfg.sizes, err = ints(*sizes, "-records"); err != nil {
		return err
	}
	if cfg.parallels, err = ints(*parallels, "-parallel"); err != nil {
		return err
	}
	if cfg.rounds < 1 {
		return fmt.Errorf("-rounds %d: want at least 1", cfg.rounds)
	}
	if cfg.work, err = os.MkdirTemp("", "crawlbench-"); err != nil {
		return err
	}
	defer os.RemoveAll(cfg.work)
	if cfg.bin == "" {
		cfg.bin = filepath.Join(cfg.work, "archivio")
		fmt.Fprintln(os.Stderr, "building archivio...")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", cfg.bin, "./cmd/archivio").CombinedOutput(); err != nil {
			return fmt.Errorf("build archivio: %v\n%s", err, out)
		}
	}
	before := loadAverage()
	var runs []run
	for round := 1; round <= cfg.rounds; round++ {
		for _, n := range cfg.sizes {
			rs, err := cfg.round(ctx, round, n)
			if err != nil {
				return err
			}
			runs = append(runs, rs...)
		}
	}
	fmt.Printf("load average before: %s; after: %s (%d CPUs)\n\n", before, loadAverage(), runtime.NumCPU())
	return table(os.Stdout, runs)
}

// round measures every tool once on sites of n records.
func (cfg config) round(ctx context.Context, round, n int) ([]run, error) {
	var out []run
	for _, p := range cfg.parallels {
		r, err := cfg.archivio(ctx, "archivio", cfg.bin, round, n, p)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
		if cfg.baseline != "" {
			if r, err = cfg.archivio(ctx, "baseline", cfg.baseline, round, n, p); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		if r, err = serverDelivers(ctx, n, p); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if cfg.wget {
		r, err := cfg.runWget(ctx, round, n)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// site serves a fresh lean site of n records on loopback.
func site(n int) (*leansite.Site, *httptest.Server, error) {
	s, err := leansite.New(n, leansite.DefaultPageSize)
	if err != nil {
		return nil, nil, err
	}
	return s, httptest.NewServer(s.Handler()), nil
}

// archivio crawls with the archivio binary bin, named tool in the table.
func (cfg config) archivio(ctx context.Context, tool, bin string, round, n, p int) (run, error) {
	s, srv, err := site(n)
	if err != nil {
		return run{}, err
	}
	defer srv.Close()
	dir := filepath.Join(cfg.work, fmt.Sprintf("%s-%d-%d-%d", tool, n, p, round))
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, bin, "crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0",
		"--parallel", strconv.Itoa(p), "--data", dir, "--quiet", "--contact", "bench@example.org")
	cmd.Stderr = os.Stderr
	fmt.Fprintf(os.Stderr, "round %d: %s --parallel %d, %d records...\n", round, tool, p, n)
	secs, cpu, peak, err := process(ctx, cmd, nil)
	if err != nil {
		return run{}, fmt.Errorf("%s: %w", tool, err)
	}
	return run{tool: tool, records: n, parallel: p, requests: s.Requests(), seconds: secs, cpu: cpu, peakRSS: peak,
		catalog: size(filepath.Join(dir, "archivio.db")), warc: size(filepath.Join(dir, "warc", "*.warc.gz"))}, nil
}

func serverDelivers(ctx context.Context, n, p int) (run, error) {
	s, srv, err := site(n)
	if err != nil {
		return run{}, err
	}
	defer srv.Close()
	urls := []string{srv.URL + "/robots.txt", srv.URL + "/", srv.URL + "/processi"}
	for k := 2; k <= s.Pages(); k++ {
		urls = append(urls, srv.URL+"/processi?page="+strconv.Itoa(k))
	}
	for _, path := range s.RecordPaths() {
		urls = append(urls, srv.URL+path)
	}
	secs, err := getLoop(ctx, urls, p)
	if err != nil {
		return run{}, fmt.Errorf("GET loop: %w", err)
	}
	return run{tool: "GET loop", records: n, parallel: p, requests: s.Requests(), seconds: secs}, nil
}

// runWget crawls with wget. Its exit status 8 (some page answered an
// error) is not a failure.
func (cfg config) runWget(ctx context.Context, round, n int) (run, error) {
	s, srv, err := site(n)
	if err != nil {
		return run{}, err
	}
	defer srv.Close()
	dir := filepath.Join(cfg.work, fmt.Sprintf("wget-%d-%d", n, round))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return run{}, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, "wget", "--recursive", "--level=inf", "--no-parent", "--no-verbose",
		"--delete-after", "--warc-file="+filepath.Join(dir, "crawl"), "-e", "robots=on",
		"--reject-regex", `\.(jpg|jpeg|png|gif|css|js)$`, srv.URL+"/")
	cmd.Dir = dir
	fmt.Fprintf(os.Stderr, "round %d: wget, %d records...\n", round, n)
	secs, cpu, peak, err := process(ctx, cmd, func(code int) bool { return code == 8 })
	if err != nil {
		return run{}, fmt.Errorf("wget: %w", err)
	}
	return run{tool: "wget", records: n, parallel: 1, requests: s.Requests(), seconds: secs, cpu: cpu, peakRSS: peak,
		warc: size(filepath.Join(dir, "*.warc.gz"))}, nil
}

// size is the bytes of the files matching pattern, together.
func size(pattern string) int64 {
	files, _ := filepath.Glob(pattern)
	var n int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// table prints the medians of the runs, by site size, tool and
// concurrency.
func table(w *os.File, runs []run) error {
	type key struct {
		tool        string
		records, pl int
	}
	groups := map[key][]run{}
	var keys []key
	for _, r := range runs {
		k := key{r.tool, r.records, r.parallel}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	med := func(k key, f func(run) float64) float64 {
		var xs []float64
		for _, r := range groups[k] {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	seconds := func(r run) float64 { return r.seconds }
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tool\trecords\tparallel\trequests\tseconds\trecords/s\tshare of GET loop\twall / wget's\tCPU ms/record\tpeak RSS MB\tWARC MB\tcatalog KB/record\t")
	for _, k := range keys {
		secs := med(k, seconds)
		share, vsWget, cpu, rss, warc, catalog := "", "", "", "", "", ""
		crawler := k.tool == "archivio" || k.tool == "baseline"
		if crawler {
			if loop, ok := groups[key{"GET loop", k.records, k.pl}]; ok && len(loop) > 0 {
				share = fmt.Sprintf("%.1f%%", 100*med(key{"GET loop", k.records, k.pl}, seconds)/secs)
			}
			if _, ok := groups[key{"wget", k.records, 1}]; ok {
				vsWget = fmt.Sprintf("%.2f", secs/med(key{"wget", k.records, 1}, seconds))
			}
		}
		if k.tool != "GET loop" {
			cpu = fmt.Sprintf("%.2f", med(k, func(r run) float64 { return r.cpu.Seconds() * 1000 / float64(r.records) }))
			rss = fmt.Sprintf("%.0f", med(k, func(r run) float64 { return float64(r.peakRSS) / 1e6 }))
			warc = fmt.Sprintf("%.1f", med(k, func(r run) float64 { return float64(r.warc) / 1e6 }))
		}
		if crawler {
			catalog = fmt.Sprintf("%.1f", med(k, func(r run) float64 { return float64(r.catalog) / 1e3 / float64(r.records) }))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.2f\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t\n", k.tool, k.records, k.pl,
			med(k, func(r run) float64 { return float64(r.requests) }), secs, float64(k.records)/secs, share, vsWget, cpu, rss, warc, catalog)
	}
	return tw.Flush()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

func ints(s, flagName string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%s: bad value %q", flagName, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
