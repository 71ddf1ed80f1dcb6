package jobs

import (
	"context"
	"errors"
	"sync"

	"archivio/archive"
	"archivio/crawlers"
)

// A crawl is a pipeline of four stages, joined by bounded queues, each
// with an owner that waits for it:
//
//   - fetch: crawlers.Run's workers (colly), paced per site by the
//     crawl's pacer, which sits below the recording transport: a request
//     holds its slot while its answer arrives, not while it is archived.
//   - record: on the fetching goroutine once its answer has arrived, the
//     recording transport builds the WARC records (digests and gzip
//     outside the WARC writer's lock), appends them to the one open WARC
//     file, and queues the capture for the catalog.
//   - parse: a record page goes to the parse stage (parsestage.go), one
//     parser per CPU behind a queue bounded by pages and bytes; the
//     fetcher goes on with the next page. Other pages need no parse.
//   - catalogue: an archive.Committer writes the catalog in group commits.
//
// What a page leads to is written in the order that keeps the frontier's
// rule (a page is never settled without its links and its record): the
// capture first (queued by the recording transport), then, in one place
// of the committer's queue taken when the crawl settles the page, the
// record read from it and the settled entry with the links it yielded.
// The crawl learns which links are newly queued from the frontier's
// memory (frontierMemory: the keys waiting in the committer, and the
// catalog behind a bounded cache), so it never waits for a commit. Backpressure runs back along the stages: a
// full committer queue holds the parsers' and fetchers' writes, a full
// parse queue holds the fetchers.

// pipeline holds a crawl's stages past the fetch.
type pipeline struct {
	crawlID int64
	com     *archive.Committer
	parse   *parseStage
	// ctx is the parses': the crawl's run, which ends when the crawl is
	// stopped or fails. A page read when the stop came is stored; one still
	// waiting for a parser, or cut mid-parse, stays queued for --resume,
	// which reads it from the archive. So a stop is prompt however heavy
	// the pages are.
	ctx       context.Context
	stopCrawl func(error) // fails the crawl

	mu     sync.Mutex
	groups map[string]*pageGroup // pages handed to the parse stage and not yet settled, by frontier key
	err    error                 // the first failure of a page's reading
}

// newPipeline starts the stages of crawl crawlID past the fetch: the
// committer on st (syncing w before each commit that names WARC records)
// and the parse stage, whose parses run in runCtx. opts set the group
// commits. stop fails the crawl.
func newPipeline(runCtx context.Context, st *archive.Store, w *archive.WARCWriter, crawlID int64, opts archive.CommitOptions, stop func(error)) *pipeline {
	opts.Sync = nil
	if w != nil {
		opts.Sync = w.Sync
	}
	return &pipeline{crawlID: crawlID, com: st.NewCommitter(opts), parse: newParseStage(),
		ctx: runCtx, stopCrawl: stop, groups: map[string]*pageGroup{}}
}

// write queues writes for the catalog, after everything queued before.
// They are written even when the crawl was stopped: a stop commits what
// was done.
func (pl *pipeline) write(ctx context.Context, writes ...archive.Write) error {
	return pl.com.Write(context.WithoutCancel(ctx), writes...)
}

// read hands the page queued under key to the parse stage: read runs
// there and returns the writes that store what it read, which commit in
// the page's place with its settled frontier entry. A read that fails
// because the crawl stopped leaves the page queued (its links are
// queued all the same), for --resume; any other failure stops the crawl.
func (pl *pipeline) read(ctx context.Context, key string, size int64, read func(ctx context.Context) ([]archive.Write, error)) error {
	g := &pageGroup{crawlID: pl.crawlID}
	pl.mu.Lock()
	pl.groups[key] = g
	pl.mu.Unlock()
	err := pl.parse.submit(ctx, size, func() {
		writes, err := read(pl.ctx)
		if err != nil && pl.ctx.Err() == nil {
			pl.fail(err)
		}
		g.parsed(writes, err != nil)
	})
	if err != nil {
		pl.mu.Lock()
		delete(pl.groups, key)
		pl.mu.Unlock()
	}
	return err
}

// settled takes the page group of key, when the page is in the parse
// stage.
func (pl *pipeline) settled(key string) *pageGroup {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	g := pl.groups[key]
	delete(pl.groups, key)
	return g
}

func (pl *pipeline) fail(err error) {
	pl.mu.Lock()
	first := pl.err == nil
	if first {
		pl.err = err
	}
	pl.mu.Unlock()
	if first {
		pl.stopCrawl(err)
	}
}

// close runs the pages waiting in the parse stage, commits everything
// queued and stops the stages. It returns what failed: a page's reading,
// or the catalog.
func (pl *pipeline) close() error {
	pl.parse.close()
	err := pl.com.Close()
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return errors.Join(pl.err, err)
}

// pageGroup is what a page in the parse stage commits: the writes of its
// reading and its settled frontier entry, in the place of the committer's
// queue taken when the crawl settled it. A reading that failed commits
// the page's links queued, without the page: it stays queued.
type pageGroup struct {
	crawlID int64

	mu      sync.Mutex
	slot    *archive.Slot
	settle  archive.Write
	links   *archive.Write // the links the page yielded, without the page, or nil
	done    bool           // read (or failed)
	failed  bool
	writes  []archive.Write
	filling bool
}

// settledAs gives the group its place and its settled entry.
func (g *pageGroup) settledAs(slot *archive.Slot, settle archive.Write, links *archive.Write) {
	g.mu.Lock()
	g.slot, g.settle, g.links = slot, settle, links
	fill := g.done && !g.filling
	g.filling = g.filling || fill
	g.mu.Unlock()
	if fill {
		g.fill()
	}
}

// parsed gives the group the writes of the page's reading.
func (g *pageGroup) parsed(writes []archive.Write, failed bool) {
	g.mu.Lock()
	g.writes, g.failed, g.done = writes, failed, true
	fill := g.slot != nil && !g.filling
	g.filling = g.filling || fill
	g.mu.Unlock()
	if fill {
		g.fill()
	}
}

func (g *pageGroup) fill() {
	if g.failed {
		if g.links == nil {
			g.slot.Fill()
			return
		}
		g.slot.Fill(*g.links)
		return
	}
	g.slot.Fill(append(g.writes, g.settle)...)
}

// frontier is the crawl's frontier: answered at once from its memory,
// written to the catalog through the committer. Only the links that
// change it are written.
type frontier struct {
	mem *frontierMemory
	pl  *pipeline
}

func entries(links []crawlers.Link) []archive.FrontierEntry {
	out := make([]archive.FrontierEntry, len(links))
	for i, l := range links {
		out[i] = archive.FrontierEntry{Key: l.Key, URL: l.URL, State: archive.FrontierQueued, Depth: l.Depth}
		if l.Excluded != "" {
			out[i].State, out[i].Reason = archive.FrontierExcluded, l.Excluded
		}
	}
	return out
}

// Add reports, for each link, whether it was newly queued or, excluded,
// newly recorded as such.
func (f frontier) Add(ctx context.Context, links []crawlers.Link) ([]bool, error) {
	f.mem.mu.Lock()
	defer f.mem.mu.Unlock()
	added, changed, changes, err := f.mem.add(ctx, links)
	if err != nil || len(changed) == 0 {
		return added, err
	}
	w := archive.FrontierAddWrite(f.pl.crawlID, entries(changed)).OnCommit(func() { f.mem.committed(changes) })
	return added, f.pl.write(ctx, w)
}

func (f frontier) Settle(ctx context.Context, key string, o crawlers.Outcome, links []crawlers.Link) ([]bool, error) {
	// The memory's lock is held until the write is queued: a key's
	// changes reach the committer in the order the memory made them.
	f.mem.mu.Lock()
	defer f.mem.mu.Unlock()
	added, changed, changes, err := f.mem.settle(ctx, key, links)
	if err != nil {
		return nil, err
	}
	ents := entries(changed)
	w, err := archive.SettleWrite(f.pl.crawlID, key, o.State, o.Reason, ents)
	if err != nil {
		return nil, err
	}
	onCommit := func() { f.mem.committed(changes) }
	w = w.OnCommit(onCommit)
	if g := f.pl.settled(key); g != nil {
		slot, err := f.pl.com.Reserve(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		var linksOnly *archive.Write
		if len(ents) > 0 {
			lw := archive.FrontierAddWrite(f.pl.crawlID, ents).OnCommit(onCommit)
			linksOnly = &lw
		}
		g.settledAs(slot, w, linksOnly)
		return added, nil
	}
	return added, f.pl.write(ctx, w)
}

var errParseStageClosed = errors.New("parse stage closed")
