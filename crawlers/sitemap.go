package crawlers

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// sitemapDoc reads both sitemap forms: a urlset of pages and a
// sitemapindex of further sitemaps.
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

// maxSitemaps bounds how many sitemap files one crawl reads (an index may
// list many; a loop of indexes must end).
const maxSitemaps = 50

// readSitemaps fetches the sitemaps (and the sitemaps they index) and
// returns the page URLs they list. Sitemaps that fail are skipped: they
// only help discovery. The client paces the requests.
func readSitemaps(ctx context.Context, client *http.Client, ua string, start []string, allowed func(string) bool) ([]string, error) {
	var pages []string
	seen := map[string]bool{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 && len(seen) < maxSitemaps {
		u := queue[0]
		queue = queue[1:]
		if seen[u] || !allowed(u) {
			continue
		}
		seen[u] = true
		doc, err := fetchSitemap(ctx, client, ua, u)
		if err != nil {
			if ctx.Err() != nil {
				return pages, ctx.Err()
			}
			continue
		}
		pages = append(pages, trimAll(doc.URLs)...)
		queue = append(queue, trimAll(doc.Sitemaps)...)
	}
	return pages, nil
}

func fetchSitemap(ctx context.Context, client *http.Client, ua, u string) (*sitemapDoc, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sitemap %s: status %d", u, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 50<<20)) // the sitemap protocol's limit
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) { // a .xml.gz file, not a content coding
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		if body, err = io.ReadAll(io.LimitReader(zr, 50<<20)); err != nil {
			return nil, err
		}
	}
	var doc sitemapDoc
	if err := xml.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("sitemap %s: %w", u, err)
	}
	return &doc, nil
}

func trimAll(s []string) []string {
	out := s[:0:0]
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
