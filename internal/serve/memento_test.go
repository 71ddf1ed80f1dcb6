package serve

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"archivio/archive"
)

// The Memento tests follow RFC 7089: section 4.1.1 (pattern 2.2, a
// TimeGate apart from the original resource: 302 to the memento, "Vary:
// accept-datetime", a Link header with rel="original" and rel="timemap"),
// section 2.1.1 (Memento-Datetime on a memento, with its Link to the
// original, TimeGate and TimeMap) and section 5 (a TimeMap in
// application/link-format with rel="original", "self" with from and until,
// "timegate", and the mementos with their datetime, "first memento" and
// "last memento" among them).

// linkRels parses a Link header or a link-format TimeMap into its links:
// target and attributes.
func linkRels(s string) []map[string]string {
	var out []map[string]string
	re := regexp.MustCompile(`<([^>]*)>((?:\s*;\s*[a-z]+="[^"]*")*)`)
	attr := regexp.MustCompile(`([a-z]+)="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		l := map[string]string{"target": m[1]}
		for _, a := range attr.FindAllStringSubmatch(m[2], -1) {
			l[a[1]] = a[2]
		}
		out = append(out, l)
	}
	return out
}

func relOf(links []map[string]string, rel string) []map[string]string {
	var out []map[string]string
	for _, l := range links {
		for _, r := range strings.Fields(l["rel"]) {
			if r == rel {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

func TestMementoTimeGate(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	caps, err := st.URLCaptures(t.Context(), record141)
	if err != nil || len(caps) != 2 {
		t.Fatalf("record 141 has %d captures: %v", len(caps), err)
	}
	first, last := caps[0], caps[1]
	base := "http://127.0.0.1:8090"
	memento := func(c *archive.Capture) string { return base + replayURL(c.FetchedAt, c.URL) }
	gap := last.FetchedAt.Sub(first.FetchedAt)
	tests := []struct {
		name   string
		accept string
		want   *archive.Capture
	}{
		{"no Accept-Datetime: the latest", "", last},
		{"before the first capture", "Tue, 11 Sep 2001 20:35:00 GMT", first},
		{"between, nearer the first", first.FetchedAt.Add(gap / 4).Format(http.TimeFormat), first},
		{"after the last capture", time.Now().Add(24 * time.Hour).UTC().Format(http.TimeFormat), last},
	}
	if gap >= 2*time.Second { // HTTP dates have whole seconds
		tests = append(tests, struct {
			name   string
			accept string
			want   *archive.Capture
		}{"between, nearer the last", last.FetchedAt.Add(-gap / 4).Add(time.Second).Format(http.TimeFormat), last})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hdr []string
			if tc.accept != "" {
				hdr = []string{"Accept-Datetime", tc.accept}
			}
			w := get(t, h, "/timegate/"+record141, hdr...)
			if w.Code != http.StatusFound {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			if got := w.Header().Get("Location"); got != memento(tc.want) {
				t.Errorf("Location %s, want %s", got, memento(tc.want))
			}
			if v := w.Header().Get("Vary"); !strings.EqualFold(v, "accept-datetime") {
				t.Errorf("Vary %q", v)
			}
			links := linkRels(w.Header().Get("Link"))
			if o := relOf(links, "original"); len(o) != 1 || o[0]["target"] != record141 {
				t.Errorf("original: %v", o)
			}
			if tm := relOf(links, "timemap"); len(tm) != 1 || tm[0]["target"] != base+"/timemap/link/"+record141 || tm[0]["type"] != "application/link-format" {
				t.Errorf("timemap: %v", tm)
			}
			for _, m := range relOf(links, "memento") {
				if _, err := http.ParseTime(m["datetime"]); err != nil {
					t.Errorf("memento datetime %q: %v", m["datetime"], err)
				}
			}
			if f := relOf(links, "first"); len(f) != 1 || f[0]["target"] != memento(first) {
				t.Errorf("first: %v", f)
			}
		})
	}
	for _, bad := range []string{"yesterday", "2001-09-11", "Tue, 31 Feb 2001 20:35:00 GMT"} {
		if w := get(t, h, "/timegate/"+record141, "Accept-Datetime", bad); w.Code != http.StatusBadRequest {
			t.Errorf("Accept-Datetime %q: status %d", bad, w.Code)
		}
	}
	// The memento names its datetime, original, TimeGate and TimeMap.
	w := get(t, h, replayURL(first.FetchedAt, record141))
	if w.Code != 200 || w.Header().Get("Memento-Datetime") != first.FetchedAt.UTC().Format(http.TimeFormat) {
		t.Fatalf("memento: %d, Memento-Datetime %q", w.Code, w.Header().Get("Memento-Datetime"))
	}
	links := linkRels(w.Header().Get("Link"))
	for rel, target := range map[string]string{"original": record141, "timegate": base + "/timegate/" + record141, "timemap": base + "/timemap/link/" + record141} {
		if l := relOf(links, rel); len(l) != 1 || l[0]["target"] != target {
			t.Errorf("memento's %s: %v", rel, l)
		}
	}
}

func TestMementoTimeMap(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	caps, _ := st.URLCaptures(t.Context(), record141)
	base := "http://127.0.0.1:8090"
	w := get(t, h, "/timemap/link/"+record141)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/link-format" {
		t.Fatalf("status %d type %q", w.Code, w.Header().Get("Content-Type"))
	}
	links := linkRels(w.Body.String())
	if o := relOf(links, "original"); len(o) != 1 || o[0]["target"] != record141 {
		t.Errorf("original %v", o)
	}
	self := relOf(links, "self")
	if len(self) != 1 || self[0]["type"] != "application/link-format" ||
		self[0]["from"] != caps[0].FetchedAt.UTC().Format(http.TimeFormat) || self[0]["until"] != caps[1].FetchedAt.UTC().Format(http.TimeFormat) {
		t.Errorf("self %v", self)
	}
	if g := relOf(links, "timegate"); len(g) != 1 || g[0]["target"] != base+"/timegate/"+record141 {
		t.Errorf("timegate %v", g)
	}
	ms := relOf(links, "memento")
	if len(ms) != 2 || !strings.Contains(ms[0]["rel"], "first") || !strings.Contains(ms[1]["rel"], "last") {
		t.Fatalf("mementos %v", ms)
	}
	for i, m := range ms {
		if m["target"] != base+replayURL(caps[i].FetchedAt, record141) || m["datetime"] != caps[i].FetchedAt.UTC().Format(http.TimeFormat) {
			t.Errorf("memento %d: %v", i, m)
		}
		// Each memento in the TimeMap answers, with its own datetime.
		r := get(t, h, strings.TrimPrefix(m["target"], base))
		if r.Code != 200 || r.Header().Get("Memento-Datetime") != m["datetime"] {
			t.Errorf("memento %s: %d %q", m["target"], r.Code, r.Header().Get("Memento-Datetime"))
		}
	}
	w = get(t, h, "/timemap/json/"+record141)
	var tm struct {
		Original string `json:"original_uri"`
		TimeGate string `json:"timegate_uri"`
		Mementos struct {
			List []struct{ Datetime, URI string } `json:"list"`
		} `json:"mementos"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tm); err != nil {
		t.Fatal(err)
	}
	if tm.Original != record141 || tm.TimeGate != base+"/timegate/"+record141 || len(tm.Mementos.List) != 2 {
		t.Errorf("json timemap %+v", tm)
	}
}
