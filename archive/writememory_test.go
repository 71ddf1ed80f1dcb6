package archive

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// TestFieldListKeptOnlyOnceCommitted: a field list written in a group
// that rolled back is not taken for stored; the next result with the
// same list stores it and names it.
func TestFieldListKeptOnlyOnceCommitted(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, err := st.StartCrawl(ctx, "test", "https://x", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	fields := []string{"status", "title"}
	result := func(id int) Write {
		return ParseResultWrite(ParseResult{CrawlID: crawl, RecordID: id, URL: "https://x/1", Outcome: OutcomeParsed, Fields: fields})
	}
	boom := errors.New("boom")
	err = st.runWrites(ctx, []Write{result(1), {what: "fail", run: func(*txn) error { return boom }}})
	if !errors.Is(err, boom) {
		t.Fatalf("group: %v, want %v", err, boom)
	}
	if err := st.runWrites(ctx, []Write{result(2)}); err != nil {
		t.Fatal(err)
	}
	got, err := st.LastFieldsFound(ctx, 2)
	if err != nil || !slices.Equal(got, fields) {
		t.Errorf("fields found of record 2: %v (%v), want %v", got, err, fields)
	}
	if _, err := st.LastFieldsFound(ctx, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("record 1's result, rolled back: %v", err)
	}
	// Once committed, the list is named without being written again.
	if err := st.runWrites(ctx, []Write{result(3)}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.LastFieldsFound(ctx, 3); err != nil || !slices.Equal(got, fields) {
		t.Errorf("fields found of record 3: %v (%v), want %v", got, err, fields)
	}
}
