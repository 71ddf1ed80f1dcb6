package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// run is one measured run of a tool on a fresh site.
type run struct {
	tool     string // archivio, wget, get loop
	records  int
	parallel int // requests in flight (wget: 1)
	requests int64
	seconds  float64
	cpu      time.Duration // user + system of the tool's process (get loop: none measured)
	peakRSS  int64         // bytes, VmHWM of the tool's process
	catalog  int64         // bytes of archivio.db after the crawl (archivio only)
	warc     int64         // bytes of the WARC files written
}

// recordsPerSecond is the site's records archived (or delivered) per
// second of wall time.
func (r run) recordsPerSecond() float64 { return float64(r.records) / r.seconds }

// process runs cmd to its end and measures it: wall time, the CPU time of
// the process (from wait4), and its peak resident set size, read from
// VmHWM in /proc while it runs. (getrusage's maxrss would not do: on
// Linux it counts the parent's memory at the time of exec, since Go starts
// children with vfork. VmHWM is the process's own, since its exec; it is
// read every 20 ms, so growth in the last 20 ms of a run may be missed.)
// ok says which failures are not failures (wget's exit status 8).
func process(ctx context.Context, cmd *exec.Cmd, ok func(code int) bool) (seconds float64, cpu time.Duration, peak int64, err error) {
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	var hwm atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if v := vmHWM(cmd.Process.Pid); v > hwm.Load() {
				hwm.Store(v)
			}
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	err = cmd.Wait()
	seconds = time.Since(start).Seconds()
	close(stop)
	wg.Wait()
	var exit *exec.ExitError
	if err != nil && errors.As(err, &exit) && ok != nil && ok(exit.ExitCode()) {
		err = nil
	}
	if ru, isRusage := cmd.ProcessState.SysUsage().(*syscall.Rusage); isRusage {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return seconds, cpu, hwm.Load(), err
}

// vmHWM reads a process's peak resident set size in bytes, 0 when it
// cannot be read (the process has ended).
func vmHWM(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// getLoop is what the server delivers: parallel workers GET the urls,
// each taken once, reading every body whole, over kept-alive connections.
// No parsing, no archiving: the ceiling a crawler of this site at this
// concurrency can reach.
func getLoop(ctx context.Context, urls []string, parallel int) (seconds float64, err error) {
	tr := &http.Transport{MaxIdleConnsPerHost: parallel, MaxConnsPerHost: parallel, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	var first error
	var mu sync.Mutex
	start := time.Now()
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(urls) || ctx.Err() != nil {
					return
				}
				if err := get(ctx, client, urls[i]); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start).Seconds(), first
}

func get(ctx context.Context, client *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}
