package alerts

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Feed as an independent reader sees it: every element must be in the
// Atom namespace to be found.
type testFeed struct {
	XMLName xml.Name
	ID      string      `xml:"http://www.w3.org/2005/Atom id"`
	Title   string      `xml:"http://www.w3.org/2005/Atom title"`
	Updated string      `xml:"http://www.w3.org/2005/Atom updated"`
	Author  string      `xml:"http://www.w3.org/2005/Atom author>name"`
	Entries []testEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type testEntry struct {
	ID      string `xml:"http://www.w3.org/2005/Atom id"`
	Title   string `xml:"http://www.w3.org/2005/Atom title"`
	Updated string `xml:"http://www.w3.org/2005/Atom updated"`
	Link    struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Content struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"http://www.w3.org/2005/Atom content"`
}

func parseTestFeed(t *testing.T, data []byte) testFeed {
	t.Helper()
	var f testFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, data)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
		t.Fatalf("root element = %v, want {http://www.w3.org/2005/Atom}feed", f.XMLName)
	}
	return f
}

func readTestFeed(t *testing.T, path string) testFeed {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseTestFeed(t, data)
}

// nthAlert is the down alert with id n, raised n hours after the first.
func nthAlert(n int) Alert {
	a := downAlert()
	a.ID = int64(n)
	a.At = a.At.Add(time.Duration(n) * time.Hour)
	a.URL = fmt.Sprintf("http://site%d.example.it", n)
	return a
}

func newTestAtom(t *testing.T, o AtomOptions) Sink {
	t.Helper()
	s, err := NewAtom(o)
	if err != nil {
		t.Fatalf("NewAtom: %v", err)
	}
	return s
}

func sendAll(t *testing.T, s Sink, as ...Alert) {
	t.Helper()
	for _, a := range as {
		if err := s.Send(context.Background(), a); err != nil {
			t.Fatalf("Send alert %d: %v", a.ID, err)
		}
	}
}

// entryIDs are the alert ids of a feed's entries, in order, read back
// from their entry ids.
func entryIDs(f testFeed) []string {
	alertOf := map[string]string{}
	for n := range 1000 {
		alertOf[EntryID(f.ID, Alert{ID: int64(n)})] = strconv.Itoa(n)
	}
	ids := make([]string, len(f.Entries))
	for i, e := range f.Entries {
		ids[i] = alertOf[e.ID]
	}
	return ids
}

func TestAtomFeedAfterThreeSends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	s := newTestAtom(t, AtomOptions{Path: path, Title: "archivio alerts", FeedID: "tag:archivio,2026:feed/test", Now: fixedClock(now)})

	first := downAlert()
	second := nthAlert(20)
	third := upAlert() // raised after the first two
	third.At = second.At.Add(time.Hour)
	sendAll(t, s, first, second, third)

	f := readTestFeed(t, path)
	if f.ID != "tag:archivio,2026:feed/test" || f.Title != "archivio alerts" || f.Author != "archivio" {
		t.Errorf("feed id, title, author = %q, %q, %q", f.ID, f.Title, f.Author)
	}
	if f.Updated != "2026-03-10T08:00:00Z" {
		t.Errorf("feed updated = %q, want the clock's 2026-03-10T08:00:00Z", f.Updated)
	}
	if got, want := strings.Join(entryIDs(f), ","), "13,20,12"; got != want {
		t.Fatalf("entries = %s, want newest first %s", got, want)
	}
	e := f.Entries[2] // the first alert
	if e.ID != EntryID(f.ID, first) || !strings.HasPrefix(e.ID, "urn:uuid:") {
		t.Errorf("entry id = %q", e.ID)
	}
	if e.Title != "DOWN http://www.fabbricaideedistretto.it (dns_not_found)" {
		t.Errorf("entry title = %q", e.Title)
	}
	if e.Updated != "2026-03-02T02:00:00Z" {
		t.Errorf("entry updated = %q, want the alert's At", e.Updated)
	}
	if e.Link.Rel != "related" || e.Link.Href != "http://www.fabbricaideedistretto.it" {
		t.Errorf("entry link = %+v", e.Link)
	}
	if e.Content.Type != "text" || e.Content.Text != Describe(first) {
		t.Errorf("entry content (type %q) is not Describe:\n%s", e.Content.Type, e.Content.Text)
	}
	for _, w := range []string{"record 141: La fabbrica delle idee", "archivio-20251103-00001.warc.gz", "dns_not_found"} {
		if !strings.Contains(e.Content.Text, w) {
			t.Errorf("entry content lacks %q", w)
		}
	}
	if f.Entries[0].Title != "UP http://www.fabbricaideedistretto.it (ok)" {
		t.Errorf("up entry title = %q", f.Entries[0].Title)
	}
}

func TestAtomEntriesSortedByTimeNotArrival(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path})
	sendAll(t, s, nthAlert(3), nthAlert(1), nthAlert(2)) // a late delivery of an older alert
	if got := strings.Join(entryIDs(readTestFeed(t, path)), ","); got != "3,2,1" {
		t.Errorf("entries = %s, want 3,2,1", got)
	}
}

func TestAtomMaxTrimsOldest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path, Max: 2})
	sendAll(t, s, nthAlert(1), nthAlert(2), nthAlert(3))
	if got := strings.Join(entryIDs(readTestFeed(t, path)), ","); got != "3,2" {
		t.Errorf("entries = %s, want the 2 newest: 3,2", got)
	}
}

func TestAtomSameAlertTwiceIsOneEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path})
	sendAll(t, s, nthAlert(1), nthAlert(2), nthAlert(1)) // a caller retrying alert 1
	if got := strings.Join(entryIDs(readTestFeed(t, path)), ","); got != "2,1" {
		t.Errorf("entries = %s, want 2,1", got)
	}
}

func TestAtomSecondSinkKeepsEarlierEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	sendAll(t, newTestAtom(t, AtomOptions{Path: path}), nthAlert(1), nthAlert(2))
	// As after a restart: a new sink on the same file.
	sendAll(t, newTestAtom(t, AtomOptions{Path: path}), nthAlert(3))
	f := readTestFeed(t, path)
	if got := strings.Join(entryIDs(f), ","); got != "3,2,1" {
		t.Errorf("entries = %s, want 3,2,1", got)
	}
	if f.Entries[2].Content.Text != Describe(nthAlert(1)) {
		t.Errorf("an earlier entry's content changed on rewrite:\n%s", f.Entries[2].Content.Text)
	}
}

func TestAtomWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path})
	sendAll(t, s, nthAlert(0))

	// The file is replaced by rename, not rewritten in place: a reader
	// holding the old file keeps a whole old feed.
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	sendAll(t, s, nthAlert(1))
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(before, after) {
		t.Errorf("feed rewritten in place, want a new file renamed over it")
	}
	var oldData bytes.Buffer
	if _, err := oldData.ReadFrom(old); err != nil {
		t.Fatal(err)
	}
	if got := entryIDs(parseTestFeed(t, oldData.Bytes())); len(got) != 1 {
		t.Errorf("old file holds entries %v, want the 1 it had", got)
	}

	// Readers racing concurrent senders always see a whole feed.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	readers.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(path)
			if err != nil {
				mu.Lock()
				bad = append(bad, err.Error())
				mu.Unlock()
				continue
			}
			var f testFeed
			if err := xml.Unmarshal(data, &f); err != nil || !bytes.HasSuffix(data, []byte("</feed>\n")) {
				mu.Lock()
				bad = append(bad, fmt.Sprintf("partial feed of %d bytes: %v", len(data), err))
				mu.Unlock()
			}
		}
	})
	var senders sync.WaitGroup
	errs := make(chan error, 40)
	for w := range 4 {
		senders.Go(func() {
			for i := range 10 {
				errs <- s.Send(context.Background(), nthAlert(2+w*10+i))
			}
		})
	}
	senders.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent Send: %v", err)
		}
	}
	if len(bad) > 0 {
		t.Errorf("readers saw %d bad reads, first: %s", len(bad), bad[0])
	}
	if n := len(readTestFeed(t, path).Entries); n != 42 {
		t.Errorf("feed has %d entries after 42 sends, want 42 (no lost update)", n)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only alerts.xml (temporary files left behind)", names)
	}
}

func TestAtomKeepsFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path})
	sendAll(t, s, nthAlert(1))
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("new feed mode = %v, %v; want 0644", fi.Mode(), err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	sendAll(t, s, nthAlert(2))
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("rewritten feed mode = %v, %v; want the 0640 it had", fi.Mode(), err)
	}
}

func TestAtomRefusesCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	junk := []byte("<rss><channel>not atom</channel></rss>")
	if err := os.WriteFile(path, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewAtom(AtomOptions{Path: path}); !errors.Is(err, ErrCorruptFeed) {
		t.Errorf("NewAtom on a non-Atom file = %v, want ErrCorruptFeed", err)
	}

	// Corrupted after the sink was made: Send fails, the file stays.
	path2 := filepath.Join(t.TempDir(), "alerts.xml")
	s := newTestAtom(t, AtomOptions{Path: path2})
	if err := os.WriteFile(path2, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), nthAlert(1)); !errors.Is(err, ErrCorruptFeed) {
		t.Errorf("Send over a non-Atom file = %v, want ErrCorruptFeed", err)
	}
	if data, _ := os.ReadFile(path2); !bytes.Equal(data, junk) {
		t.Errorf("corrupt file overwritten with:\n%s", data)
	}
}

func TestNewAtomValidates(t *testing.T) {
	_, err := NewAtom(AtomOptions{})
	assertFieldError(t, err, "Path")
	_, err = NewAtom(AtomOptions{Path: filepath.Join(t.TempDir(), "x.xml"), Max: -1})
	assertFieldError(t, err, "Max")
	if _, err := NewAtom(AtomOptions{Path: filepath.Join(t.TempDir(), "missing", "x.xml")}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("NewAtom in a missing directory = %v, want ErrNotExist", err)
	}
	s := newTestAtom(t, AtomOptions{Path: filepath.Join(t.TempDir(), "x.xml")})
	if err := s.Send(context.Background(), Alert{ID: 1, Kind: KindDown, URL: "http://x.example"}); !errors.Is(err, ErrInvalidAlert) {
		t.Errorf("Send of an alert without At = %v, want ErrInvalidAlert", err)
	}
}

func TestRenderAtomMatchesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.xml")
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	s := newTestAtom(t, AtomOptions{Path: path, Title: "T", FeedID: "tag:archivio,2026:feed/x", Now: fixedClock(now)})
	as := []Alert{nthAlert(2), downAlert(), nthAlert(5)}
	sendAll(t, s, as...)

	got, err := RenderAtom(Feed{Title: "T", ID: "tag:archivio,2026:feed/x"}, now, as)
	if err != nil {
		t.Fatalf("RenderAtom: %v", err)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("RenderAtom differs from the sink's file:\n%s\n---\n%s", got, want)
	}
	if !bytes.HasPrefix(got, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom">`)) {
		t.Errorf("feed does not start with the XML declaration and the Atom namespace:\n%.120s", got)
	}
	if got := strings.Join(entryIDs(parseTestFeed(t, got)), ","); got != "5,2,12" {
		t.Errorf("entries = %s, want 5,2,12", got)
	}

	if _, err := RenderAtom(Feed{Title: "T"}, now, as); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("RenderAtom without feed id = %v, want ErrInvalidOptions", err)
	}
	if _, err := RenderAtom(Feed{Title: "T", ID: "tag:x"}, now, []Alert{{ID: 1, Kind: "?", URL: "u", At: now}}); !errors.Is(err, ErrInvalidAlert) {
		t.Errorf("RenderAtom of a bad alert = %v, want ErrInvalidAlert", err)
	}
}

func TestRenderAtomEscapesMarkup(t *testing.T) {
	a := downAlert()
	a.Records[0].Title = `Piano <b>"città"</b> & dintorni` + "\x01"
	data, err := RenderAtom(Feed{Title: "T", ID: "tag:x"}, a.At, []Alert{a})
	if err != nil {
		t.Fatal(err)
	}
	f := parseTestFeed(t, data)
	if !strings.Contains(f.Entries[0].Content.Text, `Piano <b>"città"</b> & dintorni`) {
		t.Errorf("content did not round-trip:\n%s", f.Entries[0].Content.Text)
	}
}

// TestAtomFeedNamesItself checks the feed's rel="self" link when its URL
// is known (and none when it is not), in the file and in RenderAtom, and
// that entry ids are stable for a feed and differ between feeds.
func TestAtomFeedNamesItself(t *testing.T) {
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
		Type string `xml:"type,attr"`
	}
	var feed struct {
		Links []link `xml:"link"`
	}
	path := filepath.Join(t.TempDir(), "alerts.atom")
	s := newTestAtom(t, AtomOptions{Path: path, FeedID: "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7", SelfURL: "https://example.org/archivio/alerts.atom"})
	sendAll(t, s, downAlert())
	data, _ := os.ReadFile(path)
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Links) != 1 || feed.Links[0] != (link{"self", "https://example.org/archivio/alerts.atom", "application/atom+xml"}) {
		t.Errorf("feed links %+v, want one rel=self", feed.Links)
	}
	data, err := RenderAtom(Feed{Title: "T", ID: "urn:uuid:x", Self: "http://127.0.0.1:8089/feed.atom"}, time.Now(), []Alert{downAlert()})
	if err != nil {
		t.Fatal(err)
	}
	feed.Links = nil
	xml.Unmarshal(data, &feed)
	if len(feed.Links) != 1 || feed.Links[0].Href != "http://127.0.0.1:8089/feed.atom" {
		t.Errorf("rendered feed links %+v", feed.Links)
	}
	data, _ = RenderAtom(Feed{Title: "T", ID: "urn:uuid:x"}, time.Now(), nil)
	feed.Links = nil
	xml.Unmarshal(data, &feed)
	if len(feed.Links) != 0 {
		t.Errorf("a feed whose URL is unknown has links %+v", feed.Links)
	}
	a := downAlert()
	if EntryID("urn:uuid:a", a) != EntryID("urn:uuid:a", a) || EntryID("urn:uuid:a", a) == EntryID("urn:uuid:b", a) {
		t.Error("entry ids must be stable within a feed and differ between feeds")
	}
}
