package demosite

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"archivio/internal/demo/vnet"
)

func TestServedThroughVnet(t *testing.T) {
	n := vnet.New()
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Error(err)
		}
	})
	s := newSite(t, Options{})
	if err := n.Handle(DefaultHost, s.Handler()); err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Transport: n.Transport(), Timeout: 10 * time.Second}
	defer c.CloseIdleConnections()

	for _, scheme := range []string{"http", "https"} {
		t.Run(scheme, func(t *testing.T) {
			origin := scheme + "://" + DefaultHost
			robots := get(t, c, origin+"/robots.txt")
			if want := "Sitemap: " + origin + "/sitemap.xml"; !bytes.Contains(robots.body, []byte(want)) {
				t.Errorf("robots.txt lacks %q:\n%s", want, robots.body)
			}
			_, locs := sitemapLocs(t, get(t, c, origin+"/sitemap.xml").body)
			if len(locs) != 18 || !strings.HasPrefix(locs[0], origin+"/scheda-processo/") {
				t.Errorf("sitemap: %d URLs, first %v", len(locs), locs[:min(1, len(locs))])
			}
			links, pages := crawlListing(t, c, origin)
			if len(links) != 18 || pages != 4 {
				t.Errorf("listing: %d links on %d pages", len(links), pages)
			}
			for _, l := range links {
				resp := get(t, c, origin+l)
				if resp.status != 200 {
					t.Errorf("GET %s: %d", l, resp.status)
				}
				if want := `<base href="` + origin + `/">`; !bytes.Contains(resp.body, []byte(want)) {
					t.Errorf("GET %s: lacks %s", l, want)
				}
			}
			// The absolute link of the home page reaches the site too.
			for _, href := range hrefs(get(t, c, origin+"/").body) {
				if strings.HasPrefix(href, "https://") {
					if got := get(t, c, href).status; got != 200 {
						t.Errorf("GET %s: %d", href, got)
					}
				}
			}
		})
	}
	if got, want := n.Hits(DefaultHost), len(s.Requests()); got != want {
		t.Errorf("vnet counted %d requests, the site %d", got, want)
	}
	if s.AdminHits() != 0 {
		t.Errorf("AdminHits = %d", s.AdminHits())
	}
}
