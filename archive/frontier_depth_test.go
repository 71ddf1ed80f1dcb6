package archive

import (
	"context"
	"testing"
	"time"
)

// TestFrontierKeepsDepths: each entry keeps the depth it was queued or
// excluded at; an exclusion that gives way to the same key queued takes
// the queued one's depth, and a negative depth is refused.
func TestFrontierKeepsDepths(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.StartCrawl(ctx, "fiorano", "https://x/s", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "url:/s", URL: "https://x/s"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SettleFrontier(ctx, id, "url:/s", FrontierDone, "", []FrontierEntry{
		{Key: "url:/s/a", URL: "https://x/s/a", Depth: 1},
		{Key: "url:/s/deep", URL: "https://x/s/deep", State: FrontierExcluded, Reason: "max_depth", Depth: 3},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SettleFrontier(ctx, id, "url:/s/a", FrontierDone, "", []FrontierEntry{
		{Key: "url:/s/deep", URL: "https://x/s/deep", Depth: 2}, // a shorter path to it
		{Key: "url:/s", URL: "https://x/s", Depth: 2},           // settled already: kept at 0
	}); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, state := range []string{FrontierQueued, FrontierDone, FrontierExcluded} {
		es, err := st.Frontier(ctx, id, state)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			got[e.Key+" "+e.State] = e.Depth
		}
	}
	want := map[string]int{"url:/s done": 0, "url:/s/a done": 1, "url:/s/deep queued": 2}
	if len(got) != len(want) {
		t.Errorf("frontier %v, want %v", got, want)
	}
	for k, d := range want {
		if g, ok := got[k]; !ok || g != d {
			t.Errorf("%s: depth %d (present %v), want %d", k, g, ok, d)
		}
	}
	if _, err := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "url:/s/neg", URL: "https://x/s/neg", Depth: -1}}); err == nil {
		t.Error("a negative depth was accepted")
	}
}
