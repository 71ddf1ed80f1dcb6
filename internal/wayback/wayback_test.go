package wayback

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI is an availability API that answers status and body, and keeps
// the last request's query.
type fakeAPI struct {
	*httptest.Server
	mu       sync.Mutex
	rawQuery string
	header   http.Header
}

func newFakeAPI(t *testing.T, status int, body string) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.rawQuery, f.header = r.URL.RawQuery, r.Header.Clone()
		f.mu.Unlock()
		if r.URL.Path != "/wayback/available" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) client() *Client {
	return &Client{Endpoint: f.URL + "/wayback/available", HTTP: f.Client()}
}

const available = `{"url": "example.com", "archived_snapshots": {"closest": {"available": true,
	"url": "http://web.archive.org/web/20130919044612/http://example.com/",
	"timestamp": "20130919044612", "status": "200"}}}`

func TestLatestSnapshot(t *testing.T) {
	f := newFakeAPI(t, 200, available)
	c := f.client()
	c.UserAgent = "archivio-test (+https://example.org/archivio)"
	s, err := c.Latest(t.Context(), "http://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	want := Snapshot{
		URL:       "http://web.archive.org/web/20130919044612/http://example.com/",
		Timestamp: time.Date(2013, 9, 19, 4, 46, 12, 0, time.UTC),
		Status:    "200",
	}
	if *s != want || s.Timestamp.Location() != time.UTC {
		t.Errorf("got %+v, want %+v", *s, want)
	}
	if ua := f.header.Get("User-Agent"); ua != c.UserAgent {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestLatestSnapshotErrors(t *testing.T) {
	const target = "https://www.comune.esempio.it/albo"
	tests := []struct {
		name    string
		status  int
		body    string
		wantErr error // nil: a *StatusError
		wantMsg string
	}{
		{name: "no snapshot", status: 200, body: `{"url": "x", "archived_snapshots": {}}`, wantErr: ErrNoSnapshot},
		{name: "closest not available", status: 200,
			body: `{"archived_snapshots": {"closest": {"available": false, "url": "", "timestamp": "", "status": ""}}}`, wantErr: ErrNoSnapshot},
		{name: "503", status: 503, body: `<html>busy</html>`, wantMsg: "503 Service Unavailable"},
		{name: "429", status: 429, body: `slow down`, wantMsg: "429 Too Many Requests"},
		{name: "HTML instead of JSON", status: 200, body: `<!doctype html><title>Internet Archive</title>`, wantErr: ErrMalformed},
		{name: "truncated JSON", status: 200, body: available[:60], wantErr: ErrMalformed},
		{name: "JSON without archived_snapshots", status: 200, body: `{"url": "x"}`, wantErr: ErrMalformed},
		{name: "null", status: 200, body: `null`, wantErr: ErrMalformed},
		{name: "bad timestamp", status: 200, body: strings.Replace(available, `"20130919044612"`, `"2013-09-19"`, 1), wantErr: ErrMalformed},
		{name: "answer over 1 MiB", status: 200, body: `{"archived_snapshots": {}, "pad": "` + strings.Repeat("x", 1<<20) + `"}`, wantErr: ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t, tc.status, tc.body)
			s, err := f.client().Latest(t.Context(), target)
			if s != nil || err == nil {
				t.Fatalf("got %+v, %v; want an error", s, err)
			}
			if !strings.Contains(err.Error(), target) {
				t.Errorf("error %q does not name the target", err)
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			var se *StatusError
			if !errors.As(err, &se) || se.StatusCode != tc.status || se.Target != target {
				t.Fatalf("err = %#v, want a StatusError for %d", err, tc.status)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not say %q", err, tc.wantMsg)
			}
		})
	}
}

func TestLatestSnapshotQueryEscaping(t *testing.T) {
	// A target with its own query must reach the API whole, not as
	// parameters of the API's.
	const target = "https://www.comune.esempio.it/albo?anno=2024&tipo=delibere&q=a b#sezione"
	f := newFakeAPI(t, 200, `{"archived_snapshots": {}}`)
	c := f.client()
	c.Endpoint += "?timestamp=2024" // the endpoint's own parameters are kept
	if _, err := c.Latest(t.Context(), target); !errors.Is(err, ErrNoSnapshot) {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(f.rawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if got := q["url"]; len(got) != 1 || got[0] != target {
		t.Errorf("url parameter %q, want %q", got, target)
	}
	if q.Get("timestamp") != "2024" || len(q) != 2 {
		t.Errorf("query %q: want exactly timestamp and url", f.rawQuery)
	}
	for _, raw := range []string{"anno=", "tipo=", "q="} {
		if strings.Contains(f.rawQuery, "&"+raw) {
			t.Errorf("query %q: the target's %s leaked into the API's parameters", f.rawQuery, raw)
		}
	}
}

func TestLatestSnapshotBadClient(t *testing.T) {
	tests := []struct {
		name   string
		c      Client
		target string
	}{
		{"no endpoint", Client{}, "http://example.com/"},
		{"relative endpoint", Client{Endpoint: "/wayback/available"}, "http://example.com/"},
		{"empty target", Client{Endpoint: "https://archive.org/wayback/available"}, " "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if s, err := tc.c.Latest(t.Context(), tc.target); err == nil {
				t.Fatalf("got %+v, want an error", s)
			}
		})
	}
}

func TestLatestSnapshotCanceled(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	c := &Client{Endpoint: srv.URL}
	_, err := c.Latest(ctx, "http://example.com/")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
}
