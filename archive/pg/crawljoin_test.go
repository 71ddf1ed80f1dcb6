package pg_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
)

// TestJoinCrawlAgreesOnOneCrawl starts four nodes at once on a source:
// one starts the crawl with its seeds, the others join it, and none sees
// it before its seeds are queued. Once settled, one node finishes it, and
// the next join starts a new crawl superseding nothing still running.
func TestJoinCrawlAgreesOnOneCrawl(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 4, pg.Options{Delay: -1})
	seeds := []archive.FrontierEntry{{Key: "url:/", URL: "http://127.0.0.2/"}, {Key: "url:/b", URL: "http://127.0.0.2/b"}}
	ids := make([]int64, len(ns))
	joined := make([]bool, len(ns))
	queued := make([]int, len(ns))
	var wg sync.WaitGroup
	for i, st := range ns {
		wg.Go(func() {
			id, j, err := st.JoinCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now(), seeds, 0)
			if err != nil {
				t.Error(err)
				return
			}
			ids[i], joined[i] = id, j
			q, err := st.Frontier(ctx, id, archive.FrontierQueued)
			if err != nil {
				t.Error(err)
			}
			queued[i] = len(q)
		})
	}
	wg.Wait()
	starters := 0
	for i := range ns {
		if ids[i] != ids[0] {
			t.Fatalf("nodes got crawls %v: want one", ids)
		}
		if !joined[i] {
			starters++
		}
		if queued[i] != 2 {
			t.Errorf("node %d saw %d URLs queued at join, want the 2 seeds", i+1, queued[i])
		}
	}
	if starters != 1 {
		t.Fatalf("%d nodes started the crawl, want 1", starters)
	}
	crawl := ids[0]
	if done, err := ns[0].FinishSettled(ctx, crawl, `{}`, time.Now()); err != nil || done {
		t.Fatalf("FinishSettled with URLs queued = %v, %v: want false", done, err)
	}
	for settled := 0; settled < len(seeds); {
		for _, l := range claim(t, ns[1], crawl, 10) {
			if _, err := ns[1].Complete(ctx, l, archive.FrontierDone, "", nil, nil); err != nil {
				t.Fatal(err)
			}
			settled++
		}
	}
	finished := 0
	for _, st := range ns {
		done, err := st.FinishSettled(ctx, crawl, `{"by":"x"}`, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if done {
			finished++
		}
	}
	if finished != 1 {
		t.Fatalf("%d nodes finished the crawl, want 1", finished)
	}
	c, err := ns[0].Crawl(ctx, crawl)
	if err != nil || c.Status != "done" {
		t.Fatalf("crawl after finishing: %+v, %v", c, err)
	}
	next, joined2, err := ns[2].JoinCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now(), seeds, 0)
	if err != nil || joined2 || next == crawl {
		t.Fatalf("join after the crawl finished = %d, %v, %v: want a new crawl", next, joined2, err)
	}
}

// TestJoinCrawlSupersedesUnfinished: a new crawl makes an interrupted one
// of the same source no longer resumable, as on a single machine.
func TestJoinCrawlSupersedesUnfinished(t *testing.T) {
	ctx := context.Background()
	st := nodes(t, 1, pg.Options{})[0]
	old, err := st.StartCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishCrawl(ctx, old, "interrupted", "", time.Now()); err != nil {
		t.Fatal(err)
	}
	id, joined, err := st.JoinCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now(), nil, 0)
	if err != nil || joined {
		t.Fatalf("JoinCrawl = %d, %v, %v", id, joined, err)
	}
	u, err := st.UnfinishedCrawl(ctx, "osservatorio")
	if err != nil || u.ID != id {
		t.Fatalf("unfinished crawl = %+v, %v: want the new one, %d", u, err, id)
	}
}

// TestParseFailuresAndResults: a newer capture's failure replaces an
// older one's, never the other way round; the first failure's time stays;
// a page read again in the same crawl replaces its result.
func TestParseFailuresAndResults(t *testing.T) {
	ctx := context.Background()
	st := nodes(t, 1, pg.Options{})[0]
	crawl, err := st.StartCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	capture := func(at time.Time) int64 {
		id, err := st.AddCapture(ctx, &archive.Capture{CrawlID: crawl, URL: "http://127.0.0.2/scheda-processo/7", FetchedAt: at, Status: 200,
			WARCFile: "a.warc.gz", WARCOffset: at.Unix(), WARCRecordID: "<urn:uuid:x>"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	older, newer := capture(t0), capture(t0.Add(time.Hour))
	if _, err := st.ParseFailure(ctx, 7); !errors.Is(err, archive.ErrNotFound) {
		t.Fatalf("ParseFailure before any = %v, want ErrNotFound", err)
	}
	add := func(c int64, at time.Time, reason string) {
		if err := st.AddParseFailure(ctx, archive.ParseFailure{RecordID: 7, URL: "http://127.0.0.2/scheda-processo/7", CaptureID: c,
			CrawlID: crawl, Reason: reason, ParserVersion: "p1", LastFailed: at}); err != nil {
			t.Fatal(err)
		}
	}
	add(newer, t0.Add(time.Hour), "newer")
	add(older, t0.Add(2*time.Hour), "older")
	f, err := st.ParseFailure(ctx, 7)
	if err != nil || f.CaptureID != newer || f.Reason != "newer" || !f.FirstFailed.Equal(t0.Add(time.Hour)) {
		t.Fatalf("failure = %+v, %v: want the newer capture's, first failed at %s", f, err, t0.Add(time.Hour))
	}
	for _, outcome := range []string{archive.OutcomeUnreadable, archive.OutcomeParsed} {
		if err := st.AddParseResult(ctx, archive.ParseResult{CrawlID: crawl, RecordID: 7, URL: f.URL, CaptureID: newer,
			Outcome: outcome, Fields: []string{"b", "a", "a"}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.ParseOutcomes(ctx, crawl)
	if err != nil || len(got) != 1 || got[archive.OutcomeParsed] != 1 {
		t.Fatalf("outcomes = %v, %v: want one page, parsed", got, err)
	}
}

// TestCompletionsLinkingToEachOther settles pages that link to each other
// from many connections at once, as listing pages do (page 3 links to
// page 4, page 4 to page 3): the row locks their links take cross, and
// every completion still succeeds (the database's deadlock victim is
// retried), each page settled once.
func TestCompletionsLinkingToEachOther(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 4, pg.Options{Delay: -1, MaxInFlight: 1000, MaxConns: 8})
	const pages = 60
	var urls []string
	for i := range pages {
		urls = append(urls, fmt.Sprintf("http://127.0.0.2/processi?page=%d", i))
	}
	crawl := queue(t, ns[0], urls...)
	var entries []archive.FrontierEntry
	for _, u := range urls {
		entries = append(entries, archive.FrontierEntry{Key: "url:" + u, URL: u})
	}
	for round := 0; round < 3; round++ {
		var wg sync.WaitGroup
		errs := make(chan error, pages)
		for _, st := range ns {
			ls := claim(t, st, crawl, pages)
			for _, l := range ls {
				wg.Go(func() {
					// Every page links to every other, in an order of its own.
					own := slices.Clone(entries)
					rand.Shuffle(len(own), func(i, j int) { own[i], own[j] = own[j], own[i] })
					if _, err := st.Complete(ctx, l, archive.FrontierDone, "", own, nil); err != nil {
						errs <- err
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("round %d: %v", round, err)
		}
	}
	counts, err := ns[0].FrontierCounts(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.State != archive.FrontierDone || c.N != pages {
			t.Errorf("frontier %+v: want all %d done", counts, pages)
		}
	}
}

// TestCompletionFencesTheRecord: what a page held (its record, its parse
// result) is written with the URL's completion, under its fence: a node
// whose lease expired and was taken over writes none of it; the node
// that holds the lease writes it all.
func TestCompletionFencesTheRecord(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 2, pg.Options{LeaseTTL: time.Second, Delay: -1})
	a, b := ns[0], ns[1]
	u := "http://127.0.0.2/scheda-processo/7"
	crawl := queue(t, a, u)
	late := claim(t, a, crawl, 1)
	time.Sleep(1200 * time.Millisecond)
	took := claim(t, b, crawl, 1)
	if len(late) != 1 || len(took) != 1 {
		t.Fatalf("claims %v %v", late, took)
	}
	capture := func(st *pg.Store, offset int64) int64 {
		id, err := st.AddCapture(ctx, &archive.Capture{CrawlID: crawl, URL: u, FetchedAt: time.Now(), Status: 200,
			WARCFile: "f.warc.gz", WARCOffset: offset, WARCRecordID: fmt.Sprintf("<urn:uuid:%d>", offset)})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	writes := func(captureID int64) pg.Writes {
		return pg.Writes{Record: &archive.ParsedRecord{ID: 7, URL: u, Data: []byte(`{"id":7,"titolo":"x"}`), ParserVersion: "p"},
			RecordCapture: captureID, SeenAt: time.Now(),
			Result: &archive.ParseResult{CrawlID: crawl, RecordID: 7, URL: u, CaptureID: captureID, Outcome: archive.OutcomeParsed}}
	}
	lateCapture := capture(a, 0)
	if _, _, err := a.CompleteWith(ctx, late[0], archive.FrontierDone, "", nil, []int64{lateCapture}, writes(lateCapture)); !errors.Is(err, pg.ErrLeaseLost) {
		t.Fatalf("late completion = %v, want ErrLeaseLost", err)
	}
	if ids, err := a.RecordIDs(ctx); err != nil || len(ids) != 0 {
		t.Errorf("records after the fenced completion: %v (%v), want none", ids, err)
	}
	if o, err := a.ParseOutcomes(ctx, crawl); err != nil || len(o) != 0 {
		t.Errorf("parse results after the fenced completion: %v (%v), want none", o, err)
	}
	c := capture(b, 100)
	_, applied, err := b.CompleteWith(ctx, took[0], archive.FrontierDone, "", nil, []int64{c}, writes(c))
	if err != nil || applied.Outcome != archive.VersionNew {
		t.Fatalf("completion = %+v, %v", applied, err)
	}
	vs, err := b.RecordVersions(ctx, 7)
	if err != nil || len(vs) != 1 || vs[0].CaptureID != c {
		t.Errorf("versions %+v (%v): want one, from the capture of the lease's holder", vs, err)
	}
	if o, err := b.ParseOutcomes(ctx, crawl); err != nil || o[archive.OutcomeParsed] != 1 {
		t.Errorf("parse results %v (%v)", o, err)
	}
}
