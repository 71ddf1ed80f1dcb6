package pg_test

import (
	"context"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
)

// A deeper URL is claimed only once every shallower one is settled, and
// each URL keeps the depth and the page it was found at.
func TestClaimGoesOneDepthAfterTheOther(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 2, pg.Options{Delay: -1, MaxInFlight: 4})
	a, b := ns[0], ns[1]
	crawl := queue(t, a, "http://127.0.0.2/", "http://127.0.0.3/")
	seeds := claim(t, a, crawl, 10)
	if len(seeds) != 2 {
		t.Fatalf("claimed %+v, want both seeds", seeds)
	}
	for _, l := range seeds {
		if l.Depth != 0 || l.Via != "" {
			t.Fatalf("seed lease %+v: want depth 0 and no via", l)
		}
	}
	deep := []archive.FrontierEntry{{Key: "url:http://127.0.0.2/a", URL: "http://127.0.0.2/a", Depth: 1, Via: seeds[0].Key}}
	if _, err := a.Complete(ctx, seeds[0], archive.FrontierDone, "", deep, nil); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, b, crawl, 10); len(got) != 0 {
		t.Fatalf("claimed %+v at depth 1 while a seed is still leased", got)
	}
	if _, ok, err := b.NextClaim(ctx, crawl); err != nil || !ok {
		t.Fatalf("next claim: %v %v", ok, err)
	}
	// The same page found again from the other seed, at the same depth:
	// it stays as it was first found.
	again := []archive.FrontierEntry{{Key: "url:http://127.0.0.2/a", URL: "http://127.0.0.2/a", Depth: 1, Via: seeds[1].Key}}
	if added, err := a.Complete(ctx, seeds[1], archive.FrontierDone, "", again, nil); err != nil || added[0] {
		t.Fatalf("complete: added %v, %v", added, err)
	}
	got := claim(t, b, crawl, 10)
	if len(got) != 1 || got[0].Key != "url:http://127.0.0.2/a" || got[0].Depth != 1 || got[0].Via != seeds[0].Key {
		t.Fatalf("claimed %+v, want the depth-1 page found from %s", got, seeds[0].Key)
	}
	if _, err := b.Complete(ctx, got[0], archive.FrontierDone, "", nil, nil); err != nil {
		t.Fatal(err)
	}
	done, err := a.Frontier(ctx, crawl, archive.FrontierDone)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 3 || done[2].Depth != 1 || done[2].Via != seeds[0].Key {
		t.Fatalf("done %+v", done)
	}
	if _, ok, err := a.NextClaim(ctx, crawl); err != nil || ok {
		t.Fatalf("next claim after all settled: %v %v", ok, err)
	}
}

// A negative depth is refused.
func TestFrontierRefusesNegativeDepth(t *testing.T) {
	st := nodes(t, 1, pg.Options{})[0]
	crawl := queue(t, st)
	if _, err := st.AddToFrontier(context.Background(), crawl, []archive.FrontierEntry{{Key: "url:x", URL: "http://127.0.0.2/x", Depth: -1}}); err == nil {
		t.Fatal("a negative depth was accepted")
	}
}
