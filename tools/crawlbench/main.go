// Command crawlbench measures archivio's crawl against wget on a generated
// local copy of the observatory: pages per second and peak memory (maximum
// resident set size) of both, at several site sizes.
//
//	go run ./tools/crawlbench                      # 2,000 and 20,000 records
//	go run ./tools/crawlbench -records 2000 -wget=false
//
// Both crawl the same demo site on a loopback port, with no delay;
// archivio with 4 requests in parallel (wget has none), parsing every
// record and cataloguing every capture; wget with --recursive and
// --warc-file, skipping images and style sheets as archivio does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"archivio/internal/demo/demosite"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "crawlbench:", err)
		os.Exit(1)
	}
}

// result is one measured crawl.
type result struct {
	tool     string
	records  int
	requests int
	seconds  float64
	peakMB   float64
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("crawlbench", flag.ContinueOnError)
	sizes := fs.String("records", "2000,20000", "site sizes to crawl, comma-separated")
	parallel := fs.Int("parallel", 4, "archivio's parallel requests")
	withWget := fs.Bool("wget", true, "also crawl with wget --recursive --warc-file")
	bin := fs.String("archivio", "", "archivio binary (default: build ./cmd/archivio)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "crawlbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if *bin == "" {
		*bin = filepath.Join(work, "archivio")
		fmt.Fprintln(os.Stderr, "building archivio...")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", *bin, "./cmd/archivio").CombinedOutput(); err != nil {
			return fmt.Errorf("build archivio: %v\n%s", err, out)
		}
	}
	var results []result
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("-records: bad size %q", s)
		}
		dir := filepath.Join(work, "archivio-"+strconv.Itoa(n))
		r, err := measure(ctx, n, "archivio", func(url string) *exec.Cmd {
			return exec.CommandContext(ctx, *bin, "crawl", "--base-url", url, "--allow-private", "--delay", "0",
				"--parallel", strconv.Itoa(*parallel), "--data", dir, "--quiet")
		})
		if err != nil {
			return err
		}
		results = append(results, r)
		if !*withWget {
			continue
		}
		wdir := filepath.Join(work, "wget-"+strconv.Itoa(n))
		if err := os.MkdirAll(wdir, 0o755); err != nil {
			return err
		}
		r, err = measure(ctx, n, "wget", func(url string) *exec.Cmd {
			cmd := exec.CommandContext(ctx, "wget", "--recursive", "--level=inf", "--no-parent", "--no-verbose",
				"--delete-after", "--warc-file="+filepath.Join(wdir, "crawl"), "-e", "robots=on",
				"--reject-regex", `\.(jpg|jpeg|png|gif|css|js)$`, url+"/")
			cmd.Dir = wdir
			return cmd
		})
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	// records/s is the site's record pages archived per second, the time
	// to archive the site; requests/s counts every request, and wget makes
	// about twice as many (each record in both URL shapes, and the
	// layouts' links to pages the demo site lacks).
	fmt.Fprintln(tw, "tool\trecords\trequests\tseconds\trecords/s\trequests/s\tpeak RSS MB\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.0f\t%.0f\t%.0f\t\n", r.tool, r.records, r.requests, r.seconds,
			float64(r.records)/r.seconds, float64(r.requests)/r.seconds, r.peakMB)
	}
	return tw.Flush()
}

// measure serves a fresh site of n records and runs one crawler on it.
// wget's exit status 8 (some pages answered errors: the layouts' links to
// pages the demo site does not have) is not a failure.
func measure(ctx context.Context, n int, tool string, command func(url string) *exec.Cmd) (result, error) {
	site, err := demosite.New(demosite.Options{Records: n})
	if err != nil {
		return result{}, err
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	cmd := command(srv.URL)
	cmd.Stderr = os.Stderr
	fmt.Fprintf(os.Stderr, "%s: crawling %d records...\n", tool, n)
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !(tool == "wget" && errors.As(err, &exit) && exit.ExitCode() == 8) {
		return result{}, fmt.Errorf("%s: %w", tool, err)
	}
	peak := 0.0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return result{tool: tool, records: n, requests: len(site.Requests()), seconds: elapsed.Seconds(), peakMB: peak}, nil
}
