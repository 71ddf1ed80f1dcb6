// Command parsebench measures the record parser's throughput on one core
// beside a reference version of it, in one run: it builds the parser's
// benchmark of the working tree and of a reference commit, runs them
// alternately, and prints pages per second by wall time and by CPU time
// (user + system of the benchmark process, its set-up subtracted).
//
//	go run ./tools/parsebench                 # against the first parser, 6f5b79d
//	go run ./tools/parsebench -ref HEAD~1 -ref-bench '^BenchmarkParse$/^all$' -rounds 7
//
// The reference's benchmark parses the 72 fixture pages of the four
// layouts it knew ("classic"); the working tree's is run on those same
// pages and on all its fixtures ("all"). Figures from a machine that is
// busy with other work vary from run to run: the CPU time of the best
// round is the steadiest measure, and alternating the two versions keeps
// the comparison fair.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "parsebench:", err)
		os.Exit(1)
	}
}

// variant is one benchmark to measure: a test binary and the benchmark
// pattern that selects it.
type variant struct {
	name    string
	binary  string
	dir     string // where the binary runs: its package's folder (fixtures)
	pattern string
	wall    []float64 // pages/s by wall time, one per round
	cpu     []float64 // pages/s by CPU time, one per round
	allocs  string
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("parsebench", flag.ContinueOnError)
	ref := fs.String("ref", "6f5b79d", "the reference commit (its parsers package must have BenchmarkParse)")
	refBench := fs.String("ref-bench", "^BenchmarkParse$", "the reference's benchmark pattern (-test.bench)")
	rounds := fs.Int("rounds", 5, "rounds; each runs every variant once, in turn")
	pages := fs.Int("pages", 3000, "pages parsed per run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := gitOut(ctx, ".", "rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "parsebench-")
	if err != nil {
		return fmt.Errorf("temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)

	refTree := filepath.Join(tmp, "ref")
	if err := extract(ctx, root, *ref, refTree); err != nil {
		return err
	}
	refBin, curBin := filepath.Join(tmp, "ref.test"), filepath.Join(tmp, "cur.test")
	if err := buildTest(ctx, refTree, refBin); err != nil {
		return fmt.Errorf("build the reference %s: %w", *ref, err)
	}
	if err := buildTest(ctx, root, curBin); err != nil {
		return fmt.Errorf("build the working tree: %w", err)
	}
	vs := []*variant{
		{name: "reference " + *ref, binary: refBin, dir: filepath.Join(refTree, "parsers"), pattern: *refBench},
		{name: "working tree (classic)", binary: curBin, dir: filepath.Join(root, "parsers"), pattern: "^BenchmarkParse$/^classic$"},
		{name: "working tree (all)", binary: curBin, dir: filepath.Join(root, "parsers"), pattern: "^BenchmarkParse$/^all$"},
	}
	setup := map[*variant]time.Duration{}
	for _, v := range vs {
		_, cpu, err := v.run(ctx, 1)
		if err != nil {
			return err
		}
		setup[v] = cpu
	}
	load0 := loadAverage()
	for r := range *rounds {
		for i := range vs {
			v := vs[(i+r)%len(vs)] // a different one first in every round
			wall, cpu, err := v.run(ctx, *pages)
			if err != nil {
				return err
			}
			v.wall = append(v.wall, wall)
			if c := cpu - setup[v]; c > 0 {
				v.cpu = append(v.cpu, float64(*pages)/c.Seconds())
			}
		}
	}
	fmt.Printf("parser throughput on one core, %d rounds of %d pages, load average %s at the start and %s at the end\n\n",
		*rounds, *pages, load0, loadAverage())
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "version\tpages/s (median, wall)\tpages/s (best, CPU)\tallocs/page\t")
	for _, v := range vs {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%s\t\n", v.name, median(v.wall), slices.Max(append(v.cpu, 0)), v.allocs)
	}
	return tw.Flush()
}

// benchLine reads a benchmark result's pages/s and allocs/op.
var benchLine = regexp.MustCompile(`([0-9.]+) pages/s.*?([0-9]+) allocs/op`)

// run runs the variant's benchmark for n pages and returns its pages/s by
// wall time and the process's CPU time.
func (v *variant) run(ctx context.Context, n int) (float64, time.Duration, error) {
	cmd := exec.CommandContext(ctx, v.binary, "-test.run", "^$", "-test.bench", v.pattern,
		"-test.benchtime", fmt.Sprintf("%dx", n), "-test.cpu", "1", "-test.benchmem")
	cmd.Dir = v.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w\n%s", v.name, err, out)
	}
	var wall float64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if m := benchLine.FindStringSubmatch(sc.Text()); m != nil {
			wall, _ = strconv.ParseFloat(m[1], 64)
			v.allocs = m[2]
		}
	}
	if wall == 0 {
		return 0, 0, fmt.Errorf("%s: no pages/s in the benchmark's output:\n%s", v.name, out)
	}
	ps := cmd.ProcessState
	return wall, ps.UserTime() + ps.SystemTime(), nil
}

// extract writes the tree of commit rev into dir.
func extract(ctx context.Context, root, rev, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("extract %s: %w", rev, err)
	}
	archive := exec.CommandContext(ctx, "git", "-C", root, "archive", "--format=tar", rev)
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return fmt.Errorf("extract %s: %w", rev, err)
	}
	untar.Stdin = pipe
	var stderr bytes.Buffer
	archive.Stderr, untar.Stderr = &stderr, &stderr
	if err := untar.Start(); err != nil {
		return fmt.Errorf("extract %s: %w", rev, err)
	}
	if err := archive.Run(); err != nil {
		untar.Wait()
		return fmt.Errorf("extract %s: git archive: %w: %s", rev, err, stderr.String())
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("extract %s: tar: %w: %s", rev, err, stderr.String())
	}
	return nil
}

// buildTest compiles the parsers package's tests of the module in dir.
func buildTest(ctx context.Context, dir, out string) error {
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", out, "./parsers")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: %s", err, b)
	}
	return nil
}

func gitOut(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// loadAverage is the one-minute load average, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}
