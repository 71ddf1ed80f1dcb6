package jobs

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/hostile"
)

// TestStopDrainsPagesInFlight: a page whose body is still arriving when
// the crawl is stopped is either completed within the drain time or
// archived as interrupted (WARC-Truncated: unspecified), is never counted
// as a size cut nor handed on as a page, and is read by --resume: from the
// archive when it was completed, fetched again when it was not.
func TestStopDrainsPagesInFlight(t *testing.T) {
	pad := []byte("<!-- " + strings.Repeat("riempitivo ", 20000) + "-->")
	for _, tc := range []struct {
		name     string
		release  bool // the server sends the rest within the drain time
		wantCut  string
		wantHits int // requests of the page, both runs together
	}{
		{"completed within the drain time", true, "", 1},
		{"cut by the end of the drain time", false, "unspecified", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stall := &hostile.Stall{ContentType: "text/html; charset=utf-8"}
			var hits atomic.Int32
			srv, cfg := hostileCrawl(t, 6, func(site http.Handler) map[string]http.Handler {
				// The record's own page, padded so that it takes a while.
				rec := httptest.NewRecorder()
				site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/scheda-processo/3", nil))
				stall.Body = append(rec.Body.Bytes(), pad...)
				stall.Part = len(stall.Body) / 2
				return map[string]http.Handler{"record:3": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					hits.Add(1)
					stall.ServeHTTP(w, r)
				})}
			})
			cfg.Drain = time.Second // ample for the rest of the page, under load too
			ctx, stop := context.WithCancel(context.Background())
			go func() {
				<-stall.Started()
				time.Sleep(150 * time.Millisecond) // for the crawl to read the head and the first part
				stop()
				if tc.release {
					time.Sleep(50 * time.Millisecond)
					stall.Release()
				}
			}()
			rep, err := Crawl(ctx, cfg)
			if !errors.Is(err, context.Canceled) || rep == nil || rep.Status != "interrupted" {
				t.Fatalf("stopped crawl: %v %+v", err, rep)
			}
			wantCuts := archive.BodyCuts{}
			if !tc.release {
				wantCuts.Interrupted = 1
			}
			if rep.Cuts != wantCuts || rep.Errors["too_large"] != 0 {
				t.Errorf("cuts %+v errors %v, want cuts %+v: a stop is no size cut", rep.Cuts, rep.Errors, wantCuts)
			}
			u := srv.URL + "/scheda-processo/3"
			first := archivedResponses(t, cfg.DataDir)[u]
			if len(first) != 1 || first[0].Truncated != tc.wantCut || first[0].StatusCode != 200 {
				t.Fatalf("%s archived as %d responses (%s), want one with WARC-Truncated %q", u, len(first), truncations(first), tc.wantCut)
			}
			if storedIDs(t, cfg.DataDir)[3] {
				t.Errorf("record 3 stored from a page in flight at the stop; it must wait for --resume")
			}

			stall.Release()
			cfg.Resume = true
			rep, err = Crawl(context.Background(), cfg)
			if err != nil || rep.Status != "done" {
				t.Fatalf("resumed crawl: %v %+v", err, rep)
			}
			if !storedIDs(t, cfg.DataDir)[3] {
				t.Errorf("record 3 not stored after --resume")
			}
			if int(hits.Load()) != tc.wantHits {
				t.Errorf("record 3 requested %d times in all, want %d", hits.Load(), tc.wantHits)
			}
		})
	}
}
