package demosite

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"archivio/internal/demo/pagegen"
)

// crawlListing follows "Pagina successiva" from /processi and returns the
// record links met, in order, and the number of pages visited.
func crawlListing(t *testing.T, c *http.Client, base string) (links []string, pages int) {
	t.Helper()
	next := "/processi"
	for next != "" {
		resp := get(t, c, base+next)
		if resp.status != 200 {
			t.Fatalf("GET %s: %d", next, resp.status)
		}
		pages++
		if pages > 10000 {
			t.Fatal("pagination does not end")
		}
		next = ""
		for _, href := range hrefs(resp.body) {
			if _, ok := linkID(href); ok {
				links = append(links, href)
			}
		}
		i := bytes.Index(resp.body, []byte(`">`+nextPage+`</a>`))
		if i >= 0 {
			j := bytes.LastIndex(resp.body[:i], []byte(`href="`))
			next = string(resp.body[j+len(`href="`) : i])
		}
	}
	return links, pages
}

func TestPaginationCoversEveryRecordOnce(t *testing.T) {
	cases := []struct {
		name      string
		opts      Options
		wantPages int
	}{
		{"real records, default page size", Options{}, 4},
		{"real records, one per page", Options{PageSize: 1}, 18},
		{"real records, all on one page", Options{PageSize: 100}, 1},
		{"synthetic records", Options{Records: 101, PageSize: 10}, 11},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, tc.opts)
			srv := serve(t, s)
			links, pages := crawlListing(t, srv.Client(), srv.URL)
			if pages != tc.wantPages {
				t.Errorf("%d pages, want %d", pages, tc.wantPages)
			}
			var ids []int
			shapes := map[bool]int{}
			for _, l := range links {
				id, _ := linkID(l)
				ids = append(ids, id)
				shapes[strings.HasPrefix(l, ambitoRecordPrefix)]++
			}
			if !slices.Equal(ids, s.IDs()) {
				t.Errorf("listing ids %v, want each of %v once, in order", ids, s.IDs())
			}
			if len(ids) > 1 && (shapes[true] == 0 || shapes[false] == 0) {
				t.Errorf("link shapes: %v, want both", shapes)
			}
			// One page past the end is 404.
			if got := get(t, srv.Client(), fmt.Sprintf("%s/processi?page=%d", srv.URL, pages+1)).status; got != 404 {
				t.Errorf("page %d: %d, want 404", pages+1, got)
			}
		})
	}
}

func TestPaginationLinks(t *testing.T) {
	cases := []struct {
		name       string
		n, pages   int
		want, lack []string
	}{
		{"only page", 1, 1, []string{`<span class="corrente">1</span>`}, []string{nextPage, prevPage}},
		{"first of many", 1, 40, []string{`href="/processi?page=2">` + nextPage, `href="/processi?page=3">3`, `href="/processi?page=40">40`, "&hellip;"}, []string{prevPage, `page=4"`}},
		{"middle", 20, 40, []string{prevPage, nextPage, `href="/processi?page=1">1`, `page=18"`, `page=22"`, `<span class="corrente">20</span>`}, []string{`page=17"`, `page=23"`}},
		{"last", 40, 40, []string{`href="/processi?page=39">` + prevPage, `href="/processi?page=1">1`}, []string{nextPage}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := pagination(tc.n, tc.pages)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tc.lack {
				if strings.Contains(got, l) {
					t.Errorf("has %q:\n%s", l, got)
				}
			}
		})
	}
}

func TestRecordShapesServeSameBytes(t *testing.T) {
	s := newSite(t, Options{})
	srv := serve(t, s)
	c := srv.Client()
	layouts := pagegen.Layouts()
	seen := map[string]bool{}
	for _, id := range s.IDs() {
		a := get(t, c, fmt.Sprintf("%s/scheda-processo/%d", srv.URL, id))
		b := get(t, c, fmt.Sprintf("%s/processi/ambito/scheda-processo/%d", srv.URL, id))
		if a.status != 200 || b.status != 200 {
			t.Fatalf("record %d: status %d and %d", id, a.status, b.status)
		}
		if !bytes.Equal(a.body, b.body) || a.header.Get("ETag") != b.header.Get("ETag") {
			t.Errorf("record %d: the two URL shapes differ", id)
		}
		layout := layouts[id%len(layouts)]
		if got, want := a.header.Get("Content-Type"), pagegen.ContentType(layout); got != want {
			t.Errorf("record %d: Content-Type %q, want %q (layout %s)", id, got, want, layout)
		}
		if want := fmt.Sprintf("record %d of the", id); !bytes.Contains(a.body, []byte(want)) {
			t.Errorf("record %d: body lacks %q", id, want)
		}
		if want := fmt.Sprintf(`in layout %q`, layout); !bytes.Contains(a.body, []byte(want)) {
			t.Errorf("record %d: body lacks %s", id, want)
		}
		// The base of relative links is the site that served the page.
		if want := `<base href="` + srv.URL + `/">`; !bytes.Contains(a.body, []byte(want)) {
			t.Errorf("record %d: body lacks %s", id, want)
		}
		if bytes.Contains(a.body, []byte(pagegenBase)) {
			t.Errorf("record %d: pagegen's base href is still there", id)
		}
		want := fmt.Sprintf(`"%x"`, sha1.Sum(a.body))
		if got := a.header.Get("ETag"); got != want {
			t.Errorf("record %d: ETag %s, want %s", id, got, want)
		}
		wantMod := firstModified.Add(time.Duration(id) * time.Hour).Format(http.TimeFormat)
		if got := a.header.Get("Last-Modified"); got != wantMod {
			t.Errorf("record %d: Last-Modified %s, want %s", id, got, wantMod)
		}
		if seen[want] {
			t.Errorf("record %d: same ETag as another record", id)
		}
		seen[want] = true
	}
}

func TestConditionalGetAndUpdate(t *testing.T) {
	s := newSite(t, Options{})
	srv := serve(t, s)
	c := srv.Client()
	url := srv.URL + "/scheda-processo/1068"
	first := get(t, c, url)
	direct := serveDirect(t, s.Handler(), "/scheda-processo/1068").body
	etag, lastMod := first.header.Get("ETag"), first.header.Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Fatalf("no validators: ETag %q, Last-Modified %q", etag, lastMod)
	}

	cases := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"If-None-Match", map[string]string{"If-None-Match": etag}, 304},
		{"If-None-Match, other shape", map[string]string{"If-None-Match": etag}, 304},
		{"If-None-Match, stale", map[string]string{"If-None-Match": `"0000"`}, 200},
		{"If-Modified-Since", map[string]string{"If-Modified-Since": lastMod}, 304},
		{"If-Modified-Since, earlier", map[string]string{"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := url
			if strings.Contains(tc.name, "other shape") {
				u = srv.URL + "/processi/ambito/scheda-processo/1068"
			}
			resp := fetch(t, c, "GET", u, tc.header)
			if resp.status != tc.status {
				t.Errorf("status %d, want %d", resp.status, tc.status)
			}
			if tc.status == 304 && len(resp.body) != 0 {
				t.Errorf("304 with %d body bytes", len(resp.body))
			}
		})
	}

	err := s.Update(1068, func(p *pagegen.Page) { p.Title = "Condividere Marconi, seconda edizione"; p.ID = 1 })
	if err != nil {
		t.Fatal(err)
	}
	second := get(t, c, url)
	if second.header.Get("ETag") == etag || bytes.Equal(second.body, first.body) {
		t.Error("Update did not change the ETag and body")
	}
	if !bytes.Contains(second.body, []byte("seconda edizione")) || !bytes.Contains(second.body, []byte("record 1068 of")) {
		t.Error("updated page lacks the new title, or changed its id")
	}
	before, _ := http.ParseTime(lastMod)
	after, _ := http.ParseTime(second.header.Get("Last-Modified"))
	if !after.After(before) {
		t.Errorf("Last-Modified %v, not after %v", after, before)
	}
	for _, h := range []map[string]string{{"If-None-Match": etag}, {"If-Modified-Since": lastMod}} {
		if got := fetch(t, c, "GET", url, h).status; got != 200 {
			t.Errorf("old validator %v after Update: %d, want 200", h, got)
		}
	}
	if got := fetch(t, c, "GET", url, map[string]string{"If-None-Match": second.header.Get("ETag")}).status; got != 304 {
		t.Errorf("new ETag: %d, want 304", got)
	}
	// The listing and the sitemap show the change too.
	if body := get(t, c, srv.URL+"/processi?page=2").body; !bytes.Contains(body, []byte("seconda edizione")) {
		t.Error("listing does not show the new title")
	}
	// The text the record came from is untouched.
	again := newSite(t, Options{})
	if got := serveDirect(t, again.Handler(), "/scheda-processo/1068").body; !bytes.Equal(got, direct) {
		t.Error("a new site serves the updated page: Update changed shared data")
	}

	if err := s.Update(424242, func(*pagegen.Page) {}); !errors.Is(err, ErrUnknownRecord) {
		t.Errorf("Update(unknown) = %v, want ErrUnknownRecord", err)
	}
}

func TestUpdateSyntheticRecordLeavesOthers(t *testing.T) {
	s := newSite(t, Options{Records: 40})
	h := s.Handler()
	before := serveDirect(t, h, "/scheda-processo/19").body // same text as record 1
	err := s.Update(1, func(p *pagegen.Page) {
		p.Sections[0].Fields[0].Lines = []string{"Sospeso"}
		p.Sections[0].Name = "Processo"
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := serveDirect(t, h, "/scheda-processo/19").body; !bytes.Equal(before, after) {
		t.Error("updating record 1 changed record 19, which shares its text")
	}
	if body := serveDirect(t, h, "/scheda-processo/1").body; !bytes.Contains(body, []byte("Sospeso")) {
		t.Error("record 1 does not show the change")
	}
}

func TestSyntheticRecords(t *testing.T) {
	const n = 2000
	s := newSite(t, Options{Records: n})
	ids := s.IDs()
	if len(ids) != n || ids[0] != 1 || ids[n-1] != n {
		t.Fatalf("IDs: %d ids from %d to %d, want 1..%d", len(ids), ids[0], ids[len(ids)-1], n)
	}
	h := s.Handler()
	sums := map[[20]byte]int{}
	for _, id := range ids {
		if id > 1 && ids[id-2] != id-1 {
			t.Fatalf("IDs not 1..%d", n)
		}
		resp := serveDirect(t, h, fmt.Sprintf("/scheda-processo/%d", id))
		if resp.status != 200 {
			t.Fatalf("record %d: %d", id, resp.status)
		}
		if want := fmt.Sprintf(" (%d)</", id); !bytes.Contains(resp.body, []byte(want)) {
			t.Fatalf("record %d: title lacks %q", id, want)
		}
		sum := sha1.Sum(resp.body)
		if other, dup := sums[sum]; dup {
			t.Fatalf("records %d and %d serve the same bytes", other, id)
		}
		sums[sum] = id
	}
	if got := serveDirect(t, h, fmt.Sprintf("/scheda-processo/%d", n+1)).status; got != 404 {
		t.Errorf("record %d: %d, want 404", n+1, got)
	}
	last := serveDirect(t, h, fmt.Sprintf("/processi?page=%d", n/DefaultPageSize))
	if last.status != 200 || !bytes.Contains(last.body, []byte(fmt.Sprintf("/scheda-processo/%d\"", n))) {
		t.Errorf("last listing page: %d", last.status)
	}
}

func TestDeterministic(t *testing.T) {
	paths := []string{"/", "/robots.txt", "/sitemap.xml", "/processi", "/processi?page=3", "/mappa",
		"/scheda-processo/141", "/scheda-processo/2207", "/img/x.png", "/admin/", "/nope"}
	var first [][]byte
	for range 2 {
		s := newSite(t, Options{})
		var bodies [][]byte
		for _, p := range paths {
			resp := serveDirect(t, s.Handler(), p)
			bodies = append(bodies, resp.body)
		}
		if first == nil {
			first = bodies
			continue
		}
		for i := range paths {
			if !bytes.Equal(first[i], bodies[i]) {
				t.Errorf("%s differs between two sites", paths[i])
			}
		}
	}
}

func TestRequestsAndHits(t *testing.T) {
	s := newSite(t, Options{})
	h := s.Handler()
	for _, p := range []string{"/robots.txt", "/", "/processi?page=2", "/processi", "/processi?page=2", "/scheda-processo/141"} {
		serveDirect(t, h, p)
	}
	want := []string{"/robots.txt", "/", "/processi?page=2", "/processi", "/processi?page=2", "/scheda-processo/141"}
	if got := s.Requests(); !slices.Equal(got, want) {
		t.Errorf("Requests = %v, want %v", got, want)
	}
	cases := map[string]int{"/processi": 3, "/processi?page=2": 2, "/processi?page=3": 0, "/": 1, "/scheda-processo/141": 1, "/admin/login": 0}
	for p, n := range cases {
		if got := s.Hits(p); got != n {
			t.Errorf("Hits(%s) = %d, want %d", p, got, n)
		}
	}
	if s.AdminHits() != 0 {
		t.Errorf("AdminHits = %d before any admin request", s.AdminHits())
	}
	serveDirect(t, h, "/admin/login?next=/")
	serveDirect(t, h, "/admin")
	serveDirect(t, h, "/administrator") // not the reserved area: 404
	if s.AdminHits() != 2 || s.Hits("/admin/login") != 1 {
		t.Errorf("AdminHits = %d, Hits(/admin/login) = %d; want 2, 1", s.AdminHits(), s.Hits("/admin/login"))
	}
}

func TestOptions(t *testing.T) {
	cases := []struct {
		name   string
		opts   Options
		fields []string // fields named in the error; none for valid options
	}{
		{"zero value", Options{}, nil},
		{"all set", Options{PageSize: 3, Records: 7, Host: "demo.example", CrawlDelay: time.Second}, nil},
		{"negative page size", Options{PageSize: -1}, []string{"PageSize"}},
		{"negative records", Options{Records: -5}, []string{"Records"}},
		{"negative crawl delay", Options{CrawlDelay: -time.Second}, []string{"CrawlDelay"}},
		{"host with scheme", Options{Host: "https://www.osservatoriopartecipazione.it"}, []string{"Host"}},
		{"host with port", Options{Host: "127.0.0.1:8080"}, []string{"Host"}},
		{"several", Options{PageSize: -1, Records: -1}, []string{"PageSize", "Records"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrOptions) {
				t.Fatalf("New: %v, want ErrOptions", err)
			}
			for _, f := range tc.fields {
				if !strings.Contains(err.Error(), f) {
					t.Errorf("error %q does not name %s", err, f)
				}
			}
		})
	}
	s := newSite(t, Options{})
	if s.opts.PageSize != DefaultPageSize || s.opts.Host != DefaultHost || len(s.IDs()) != 18 {
		t.Errorf("defaults: %+v, %d records", s.opts, len(s.IDs()))
	}
}

func TestConcurrentUse(t *testing.T) {
	s := newSite(t, Options{Records: 50})
	srv := serve(t, s)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 50 {
			_ = s.Update(i%50+1, func(p *pagegen.Page) { p.Title += "!" })
			_ = s.Requests()
		}
	}()
	links, _ := crawlListing(t, srv.Client(), srv.URL)
	for _, l := range links[:20] {
		get(t, srv.Client(), srv.URL+l)
	}
	<-done
}
