package archive

import (
	"bufio"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// cdxjIndex gathers the CDXJ lines of one WARC file while it is written
// and writes them sorted when it closes, in bounded memory: lines are held
// in memory up to cdxjMemLimit bytes, then sorted and written to a
// temporary run file in the spool folder; closing merges the runs (an
// external sort). A file of any size costs the writer at most that much
// memory for its index. A run that cannot be written (a full disk) is kept
// in memory: the index is never lost for want of room for a run. Runs
// left by a killed process are removed with the spool folder by
// RepairOpenFiles, which also writes the missing index.
type cdxjIndex struct {
	spool func() (string, error) // the folder for runs, created on demand
	limit int                    // bytes of lines held in memory before a run is written

	lines []string
	size  int
	runs  []string // paths of sorted runs, oldest first
	err   error    // the first line that could not be rendered, returned by write
}

// cdxjMemLimit is the bytes of CDXJ lines a writer holds in memory: about
// 1,500 lines of a typical page. Small, so that a crawl's memory reaches
// its size within its first couple of thousand pages and stays there; a
// run is cheap to write and merging a few dozen at a file's close is
// quick.
const cdxjMemLimit = 512 << 10

func newCDXJIndex(spool func() (string, error)) *cdxjIndex {
	return &cdxjIndex{spool: spool, limit: cdxjMemLimit}
}

// add indexes one record. A line that cannot be rendered fails the
// index's write, as a file without its index is repaired by the next run.
func (x *cdxjIndex) add(e cdxjEntry) error {
	l, err := e.line()
	if err != nil {
		if x.err == nil {
			x.err = err
		}
		return err
	}
	x.lines = append(x.lines, l)
	x.size += len(l) + 1
	if x.size >= x.limit && x.spool != nil {
		if err := x.spill(); err == nil {
			x.lines, x.size = nil, 0
		}
	}
	return nil
}

// spill writes the lines in memory, sorted, to a new run.
func (x *cdxjIndex) spill() error {
	dir, err := x.spool()
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "cdxj-run-*.tmp")
	if err != nil {
		return fmt.Errorf("cdxj run: %w", err)
	}
	slices.Sort(x.lines)
	bw := bufio.NewWriterSize(f, 64<<10)
	for _, l := range x.lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	werr := bw.Flush()
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cdxj run: %w", werr)
	}
	x.runs = append(x.runs, f.Name())
	return nil
}

// discard removes the runs.
func (x *cdxjIndex) discard() {
	for _, r := range x.runs {
		os.Remove(r)
	}
	x.runs, x.lines, x.size = nil, nil, 0
}

// write writes the sorted index to path, durably (a temporary file in the
// same directory, fsynced, renamed over path), and removes the runs.
func (x *cdxjIndex) write(path string) error {
	defer x.discard()
	if x.err != nil {
		return fmt.Errorf("write index %s: %w", path, x.err)
	}
	slices.Sort(x.lines)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write index %s: %w", path, err)
	}
	werr := tmp.Chmod(0o644) // CreateTemp makes 0600; the index is as readable as its WARC file
	if werr == nil {
		bw := bufio.NewWriterSize(tmp, 64<<10)
		werr = x.merge(bw)
		if werr == nil {
			werr = bw.Flush()
		}
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = renameDurably(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write index %s: %w", path, werr)
	}
	return nil
}

// merge writes the lines of the runs and of memory to w in byte order.
func (x *cdxjIndex) merge(w io.Writer) error {
	var h lineHeap
	mem := x.lines
	for _, r := range x.runs {
		f, err := os.Open(r)
		if err != nil {
			return fmt.Errorf("cdxj run: %w", err)
		}
		defer f.Close()
		src := &runSource{r: bufio.NewReaderSize(f, 32<<10), name: r}
		if err := src.next(); err != nil {
			return err
		}
		if src.ok {
			h = append(h, src)
		}
	}
	if len(mem) > 0 {
		h = append(h, &runSource{mem: mem[1:], line: mem[0], ok: true})
	}
	heap.Init(&h)
	for len(h) > 0 {
		s := h[0]
		if _, err := io.WriteString(w, s.line+"\n"); err != nil {
			return err
		}
		if err := s.next(); err != nil {
			return err
		}
		if s.ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// runSource is one sorted source of lines: a run file or the lines in
// memory.
type runSource struct {
	r    *bufio.Reader
	name string
	mem  []string
	line string
	ok   bool
}

func (s *runSource) next() error {
	if s.r == nil {
		s.ok = len(s.mem) > 0
		if s.ok {
			s.line, s.mem = s.mem[0], s.mem[1:]
		}
		return nil
	}
	l, err := s.r.ReadString('\n')
	if errors.Is(err, io.EOF) && l == "" {
		s.ok = false
		return nil
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("cdxj run %s: %w", s.name, err)
	}
	s.line, s.ok = strings.TrimSuffix(l, "\n"), true
	return nil
}

type lineHeap []*runSource

func (h lineHeap) Len() int           { return len(h) }
func (h lineHeap) Less(i, j int) bool { return h[i].line < h[j].line }
func (h lineHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *lineHeap) Push(x any)        { *h = append(*h, x.(*runSource)) }
func (h *lineHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	*h = old[:len(old)-1]
	return s
}
