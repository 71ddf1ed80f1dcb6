package crawlers

import (
	"context"
	"fmt"
	"net/url"

	"archivio/source/osservatorio"
)

// MaxIDs is the most record ids one crawl may enumerate (Options.FromID
// to ToID): each waits in memory until fetched.
const MaxIDs = 100_000

// CheckIDRange reports whether [from, to] is a range of record ids a crawl
// may enumerate: 1 <= from <= to, at most MaxIDs ids.
func CheckIDRange(from, to int) error {
	switch {
	case from < 1 || to < from:
		return fmt.Errorf("id range %d-%d: want 1 <= FROM <= TO", from, to)
	case to-from >= MaxIDs:
		return fmt.Errorf("id range %d-%d holds %d ids: at most %d per crawl", from, to, uint64(to-from)+1, MaxIDs)
	}
	return nil
}

// seed queues the starting points: the home page, the sitemaps' pages, the
// enumerated ids and the records the archive knows.
func (cr *crawler) seed(ctx context.Context) error {
	o := cr.opts
	sd := &seeds{cr: cr}
	if o.Site != nil {
		for _, s := range o.Site.Seeds {
			if u, err := url.Parse(s); err == nil {
				if t, ok := cr.scope.classifySite(u, true); ok {
					sd.add(t)
				}
			}
		}
		sd.flush()
		return sd.err
	}
	home, _ := cr.scope.classify(osservatorio.Home(o.Base))
	sd.add(home)
	sd.flush()

	sitemaps := cr.robots.sitemaps
	if len(sitemaps) == 0 {
		sitemaps = []string{o.Base.ResolveReference(&url.URL{Path: osservatorio.SitemapPath}).String()}
	}
	// A sitemap, listed or nested in an index, is read only on the site
	// and where robots.txt allows.
	allowed := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && sameSite(u.Host, o.Base.Host) && cr.robots.allowed(u)
	}
	pages, err := readSitemaps(ctx, cr.client, o.UserAgent, sitemaps, allowed)
	if err != nil {
		return err
	}
	for _, p := range pages {
		if u, err := url.Parse(p); err == nil {
			if t, ok := cr.scope.classify(u); ok {
				sd.add(t)
			}
		}
	}
	// FromID >= 1 and the range is bounded (defaults): id++ cannot wrap.
	for id := o.FromID; id > 0 && id <= o.ToID && sd.err == nil; id++ {
		sd.add(cr.scope.record(id))
	}
	for _, id := range o.Known {
		if sd.err != nil {
			break
		}
		if id > 0 {
			sd.add(cr.scope.record(id))
		}
	}
	sd.flush()
	return sd.err
}

// seedBatch is how many seeds go to the frontier in one transaction.
const seedBatch = 1000

// seeds offers the seeds to the frontier in batches, checking ctx as it
// goes: an id range or a sitemap may hold many.
type seeds struct {
	cr    *crawler
	batch []candidate
	err   error
}

func (s *seeds) add(t target) {
	if s.err != nil {
		return
	}
	if err := s.cr.ctx.Err(); err != nil {
		s.err = err
		return
	}
	s.batch = append(s.batch, candidate{target: t})
	if len(s.batch) >= seedBatch {
		s.flush()
	}
}

func (s *seeds) flush() {
	if s.err != nil || len(s.batch) == 0 {
		return
	}
	s.err = s.cr.commit("", nil, s.cr.screen(s.batch))
	s.batch = s.batch[:0]
}
