package demosite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

func TestRoutes(t *testing.T) {
	s := newSite(t, Options{})
	srv := serve(t, s)
	c := noRedirect(srv.Client())
	cases := []struct {
		name, method, path string
		status             int
		ctype              string
		contains           []string
	}{
		{"robots", "GET", "/robots.txt", 200, "text/plain; charset=utf-8",
			[]string{"User-agent: *\n", "Disallow: /admin/\n", "Sitemap: " + srv.URL + "/sitemap.xml\n"}},
		{"sitemap", "GET", "/sitemap.xml", 200, "application/xml",
			[]string{"<urlset", "<loc>" + srv.URL + "/scheda-processo/141</loc>"}},
		{"home", "GET", "/", 200, htmlType,
			[]string{regionName, siteName, `href="/processi"`, `href="/mappa"`, `href="/admin/login">Area riservata`, featured,
				`href="/processi/ambito/scheda-processo/141"`, `href="https://www.osservatoriopartecipazione.it/scheda-processo/213"`}},
		{"listing page 1", "GET", "/processi", 200, htmlType,
			[]string{"pagina 1 di 4", nextPage, `href="/processi?page=2"`, `href="/scheda-processo/141"`, `href="/processi/ambito/scheda-processo/213"`, "Concluso"}},
		{"listing page 1 by number", "GET", "/processi?page=1", 200, htmlType, []string{"pagina 1 di 4"}},
		{"listing last page", "GET", "/processi?page=4", 200, htmlType, []string{"pagina 4 di 4", prevPage, `href="/processi?page=3"`}},
		{"listing page out of range", "GET", "/processi?page=5", 404, htmlType, []string{notFound}},
		{"listing page zero", "GET", "/processi?page=0", 404, htmlType, []string{notFound}},
		{"listing page not a number", "GET", "/processi?page=due", 404, htmlType, []string{notFound}},
		{"record", "GET", "/scheda-processo/141", 200, pagegen.ContentType(pagegen.Layouts()[141%4]), []string{"La fabbrica delle idee"}},
		{"record, ambito shape", "GET", "/processi/ambito/scheda-processo/141", 200, pagegen.ContentType(pagegen.Layouts()[141%4]), []string{"La fabbrica delle idee"}},
		{"record, unknown id", "GET", "/scheda-processo/999999", 404, htmlType, []string{notFound}},
		{"record, leading zero", "GET", "/scheda-processo/0141", 404, htmlType, []string{notFound}},
		{"record, trailing slash", "GET", "/scheda-processo/141/", 404, htmlType, []string{notFound}},
		{"record, no id", "GET", "/scheda-processo/", 404, htmlType, []string{notFound}},
		{"map", "GET", "/mappa", 200, htmlType, []string{`href="/archive/1068_MappaImpatto.jpg"`, `href="/scheda-processo/1068"`}},
		{"archive jpg", "GET", "/archive/1068_MappaImpatto.jpg", 200, "image/jpeg", nil},
		{"media jpg", "GET", "/media/odp_files/comune_cattolica.jpg", 200, "image/jpeg", nil},
		{"img png", "GET", "/img/certificato.png", 200, "image/png", nil},
		{"static css", "GET", "/static/css/bootstrap.min.css", 200, "text/css; charset=utf-8", []string{"body {"}},
		{"static js", "GET", "/static/js/jquery.min.js", 200, "text/javascript; charset=utf-8", nil},
		{"css folder of the dl layout", "GET", "/css/scheda.css", 200, "text/css; charset=utf-8", nil},
		{"asset of unknown type", "GET", "/archive/readme.txt", 404, htmlType, []string{notFound}},
		{"admin login", "GET", "/admin/login", 403, htmlType, []string{reserved}},
		{"admin without slash", "GET", "/admin", 403, htmlType, []string{reserved}},
		{"unknown page", "GET", "/partecipanti", 404, htmlType, []string{notFound, "/partecipanti"}},
		{"relative link resolved without base", "GET", "/scheda-processo/archive/x.jpg", 404, htmlType, []string{notFound}},
		{"POST is not allowed", "POST", "/", 405, htmlType, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := fetch(t, c, tc.method, srv.URL+tc.path, nil)
			if resp.status != tc.status {
				t.Errorf("status %d, want %d", resp.status, tc.status)
			}
			if got := resp.header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			for _, want := range tc.contains {
				if !bytes.Contains(resp.body, []byte(want)) {
					t.Errorf("body lacks %q:\n%s", want, resp.body)
				}
			}
			if strings.HasPrefix(tc.ctype, "image/") {
				if _, format, err := image.Decode(bytes.NewReader(resp.body)); err != nil {
					t.Errorf("image does not decode: %v", err)
				} else if "image/"+format != tc.ctype {
					t.Errorf("image is %s, served as %s", format, tc.ctype)
				}
			}
			if tc.status == 405 && resp.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q", resp.header.Get("Allow"))
			}
		})
	}
}

func TestHead(t *testing.T) {
	s := newSite(t, Options{})
	srv := serve(t, s)
	c := srv.Client()
	for _, path := range []string{"/", "/robots.txt", "/processi?page=2", "/scheda-processo/518", "/img/a.png", "/admin/login", "/nope"} {
		g := fetch(t, c, "GET", srv.URL+path, nil)
		h := fetch(t, c, "HEAD", srv.URL+path, nil)
		if h.status != g.status {
			t.Errorf("HEAD %s: status %d, GET %d", path, h.status, g.status)
		}
		if len(h.body) != 0 {
			t.Errorf("HEAD %s: %d body bytes", path, len(h.body))
		}
		if want := fmt.Sprint(len(g.body)); h.header.Get("Content-Length") != want {
			t.Errorf("HEAD %s: Content-Length %q, want %s", path, h.header.Get("Content-Length"), want)
		}
		for _, k := range []string{"Content-Type", "ETag", "Last-Modified"} {
			if h.header.Get(k) != g.header.Get(k) {
				t.Errorf("HEAD %s: %s %q, GET %q", path, k, h.header.Get(k), g.header.Get(k))
			}
		}
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	cases := []struct {
		name  string
		opts  Options
		line  string
		found bool
	}{
		{"none by default", Options{}, "Crawl-delay:", false},
		{"whole seconds", Options{CrawlDelay: 2e9}, "Crawl-delay: 2\n", true},
		{"fractional seconds", Options{CrawlDelay: 1.5e9}, "Crawl-delay: 1.5\n", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := serve(t, newSite(t, tc.opts))
			body := get(t, srv.Client(), srv.URL+"/robots.txt").body
			if got := bytes.Contains(body, []byte(tc.line)); got != tc.found {
				t.Errorf("robots.txt has %q: %v, want %v:\n%s", tc.line, got, tc.found, body)
			}
		})
	}
}

// sitemapLocs parses a sitemap or sitemap index and returns its locs.
func sitemapLocs(t *testing.T, body []byte) (index bool, locs []string) {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("sitemap: %v\n%s", err, body)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("sitemap namespace %q", doc.XMLName.Space)
	}
	for _, u := range doc.URLs {
		if u.LastMod == "" {
			t.Errorf("%s has no lastmod", u.Loc)
		}
		locs = append(locs, u.Loc)
	}
	for _, sm := range doc.Sitemaps {
		locs = append(locs, sm.Loc)
	}
	return doc.XMLName.Local == "sitemapindex", locs
}

func TestSitemapUsesRequestScheme(t *testing.T) {
	s := newSite(t, Options{})
	plain := serve(t, s)
	secure := newTLSServer(t, s)
	for _, srv := range []string{plain.URL, secure.URL} {
		c := plain.Client()
		if strings.HasPrefix(srv, "https") {
			c = secure.Client()
		}
		_, locs := sitemapLocs(t, get(t, c, srv+"/sitemap.xml").body)
		if len(locs) != len(s.IDs()) {
			t.Fatalf("%s: %d URLs, want %d", srv, len(locs), len(s.IDs()))
		}
		for i, id := range s.IDs() {
			if want := fmt.Sprintf("%s/scheda-processo/%d", srv, id); locs[i] != want {
				t.Errorf("loc %d = %s, want %s", i, locs[i], want)
			}
		}
		robots := get(t, c, srv+"/robots.txt").body
		if want := "Sitemap: " + srv + "/sitemap.xml"; !bytes.Contains(robots, []byte(want)) {
			t.Errorf("robots.txt lacks %q", want)
		}
	}
}

func TestSitemapIndexAboveLimit(t *testing.T) {
	s := newSite(t, Options{Records: sitemapLimit + 10})
	h := s.Handler()
	body := serveDirect(t, h, "/sitemap.xml").body
	index, locs := sitemapLocs(t, body)
	if !index || len(locs) != 2 || locs[1] != "http://www.osservatoriopartecipazione.it/sitemap-2.xml" {
		t.Fatalf("sitemap index: %v %v", index, locs)
	}
	_, part1 := sitemapLocs(t, serveDirect(t, h, "/sitemap-1.xml").body)
	_, part2 := sitemapLocs(t, serveDirect(t, h, "/sitemap-2.xml").body)
	if len(part1) != sitemapLimit || len(part2) != 10 {
		t.Errorf("parts list %d and %d URLs", len(part1), len(part2))
	}
	if got := serveDirect(t, h, "/sitemap-3.xml").status; got != 404 {
		t.Errorf("/sitemap-3.xml: %d", got)
	}
	small := newSite(t, Options{})
	if got := serveDirect(t, small.Handler(), "/sitemap-1.xml").status; got != 404 {
		t.Errorf("/sitemap-1.xml of a small site: %d", got)
	}
}

func TestHomeLinks(t *testing.T) {
	s := newSite(t, Options{Host: "osservatorio.example"})
	srv := serve(t, s)
	body := get(t, srv.Client(), srv.URL+"/").body
	var shapes []string
	for _, href := range hrefs(body) {
		if _, ok := linkID(href); ok {
			shapes = append(shapes, href)
		}
	}
	ids := s.IDs()
	want := []string{
		fmt.Sprintf("/processi/ambito/scheda-processo/%d", ids[0]),
		fmt.Sprintf("https://osservatorio.example/scheda-processo/%d", ids[1]),
		fmt.Sprintf("/processi/ambito/scheda-processo/%d", ids[2]),
	}
	if fmt.Sprint(shapes) != fmt.Sprint(want) {
		t.Errorf("featured links %v, want %v", shapes, want)
	}
	// Every other link stays on the site: root-relative.
	for _, href := range hrefs(body) {
		if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "https://osservatorio.example/") {
			t.Errorf("link %q leaves the site", href)
		}
	}
}
