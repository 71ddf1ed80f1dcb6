package crawlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"archivio/archive"
)

// Frontier remembers what a crawl has queued and how each queued URL
// ended. A key is fetched once per crawl. Settle must be atomic: a page
// is never recorded as settled without the links it yielded, or the
// crawl, killed in between and resumed, would never reach them.
type Frontier interface {
	// Add records links that no page yielded (the seeds) and reports
	// which were newly queued (or, for an excluded link, newly recorded
	// as excluded).
	Add(ctx context.Context, links []Link) (added []bool, err error)
	// Settle records how the queued entry key ended and the links its
	// page yielded, in one atomic step, and reports which links were
	// newly queued (or recorded as excluded), as Add does.
	Settle(ctx context.Context, key string, o Outcome, links []Link) (added []bool, err error)
}

// Link is a URL offered to the frontier under its key. A link with an
// Excluded reason is recorded as excluded instead of queued: robots
// (robots.txt forbids it), max_pages, max_depth. Depth is how many links
// were followed from a seed to reach it (a site source's depth), kept so a
// resumed crawl goes no deeper than an uninterrupted one.
type Link struct {
	Key, URL string
	Excluded string
	Depth    int
}

// Outcome is how a queued URL ended: State done (an answer that was
// handled), failed (an error answer or no answer, Reason saying which:
// http_404, timeout, truncated_length, ...) or excluded (Reason off_site
// or robots for a redirect the crawl does not follow).
type Outcome struct {
	State  string
	Reason string
}

// candidate is a URL a page or a seed offers the crawl.
type candidate struct {
	target
	depth int
	found found // how the crawl came to it (zero for a seed)
}

// offer is a candidate screened by the exclusion rules.
type offer struct {
	link Link
	job  job
}

// screen applies the rules that exclude a URL (depth, robots.txt) to
// candidates not yet known. It may read another host's robots.txt, so it
// runs outside cr.mu.
func (cr *crawler) screen(cands []candidate) []offer {
	out := make([]offer, 0, len(cands))
	here := make(map[string]bool, len(cands))
	for _, c := range cands {
		if here[c.key] {
			continue
		}
		here[c.key] = true
		cr.mu.Lock()
		s, _ := cr.known.Get(c.key)
		known := s == keySeen || cr.answered[c.key]
		cr.mu.Unlock()
		if known {
			continue
		}
		o := offer{link: Link{Key: c.key, URL: c.url, Depth: c.depth}, job: job{key: c.key, url: c.url, recordID: c.recordID, depth: c.depth, found: c.found}}
		u, err := url.Parse(c.url)
		switch {
		case err != nil:
			continue
		case cr.opts.Site != nil && c.depth > cr.opts.Site.MaxDepth:
			o.link.Excluded = "max_depth"
		case !cr.allowed(u):
			o.link.Excluded = "robots"
		}
		out = append(out, o)
	}
	return out
}

// commit records offers with the frontier, with the outcome of the page
// that yielded them when o is set (one atomic step), and sends the newly
// queued ones to the workers. The crawl's memory of keys changes only
// after the frontier has the links, so a key is never skipped that is not
// durably queued; a key the memory has let go is offered to the frontier
// again, which knows it.
func (cr *crawler) commit(key string, o *Outcome, offers []offer) error {
	cr.mu.Lock()
	links := make([]Link, 0, len(offers))
	jobs := make([]job, 0, len(offers))
	room := -1 // queued links the page limit still allows, -1 for no limit
	if cr.opts.MaxPages > 0 {
		room = max(cr.opts.MaxPages-cr.queued, 0)
	}
	for _, of := range offers {
		s, _ := cr.known.Get(of.link.Key)
		if s == keySeen {
			continue
		}
		if of.link.Excluded == "" && room == 0 {
			of.link.Excluded = "max_pages"
		}
		if of.link.Excluded != "" {
			if s == keyExcluded {
				continue // recorded already
			}
		} else if room > 0 {
			room--
		}
		links = append(links, of.link)
		jobs = append(jobs, of.job)
	}
	var added []bool
	var err error
	switch {
	case o != nil:
		added, err = cr.opts.Frontier.Settle(cr.ctx, key, *o, links)
	case len(links) > 0:
		added, err = cr.opts.Frontier.Add(cr.ctx, links)
	}
	if err != nil {
		cr.mu.Unlock()
		return err
	}
	var send []job
	var excluded []Link
	var why []job
	for i, l := range links {
		if l.Excluded != "" {
			if s, _ := cr.known.Get(l.Key); s != keySeen {
				cr.known.Put(l.Key, keyExcluded)
			}
			if !added[i] {
				continue // recorded before: this crawl's memory of it had gone
			}
			if l.Excluded == "robots" {
				cr.stats.Blocked.Add(1)
			}
			excluded, why = append(excluded, l), append(why, jobs[i])
			continue
		}
		cr.known.Put(l.Key, keySeen)
		if added[i] {
			cr.queued++
			send = append(send, jobs[i])
			cr.noteFound(jobs[i])
		}
	}
	cr.mu.Unlock()
	for i, l := range excluded {
		cr.logExcluded(why[i], l.Excluded)
	}
	for _, j := range send {
		cr.send(j)
	}
	return nil
}

// pageCandidates are the URLs a page's links lead to that the crawl
// follows.
func (cr *crawler) pageCandidates(p *Page) []candidate {
	var out []candidate
	for _, l := range p.Links {
		lu, err := url.Parse(l)
		if err != nil {
			continue
		}
		if t, ok := cr.scope.classify(lu); ok {
			out = append(out, candidate{target: t, depth: p.Depth + 1, found: cr.foundFrom(p)})
		}
	}
	return out
}

// CutReason is the frontier reason of a page whose body was archived cut,
// from its WARC-Truncated reason (truncated_length, truncated_time,
// truncated_disconnect, ...): such a page settles failed with it, whatever
// its status, and never makes a record version; "" for a whole body.
func CutReason(truncated string) string {
	if truncated == "" {
		return ""
	}
	return "truncated_" + truncated
}

// outcome settles a page handed to OnPage.
func (cr *crawler) outcome(p *Page) Outcome {
	switch s := p.Status; {
	case p.Truncated != "":
		return Outcome{archive.FrontierFailed, CutReason(p.Truncated)}
	case s >= 200 && s < 300, s == http.StatusNotModified:
		return Outcome{State: archive.FrontierDone}
	case s >= 300 && s < 400:
		// A redirect the crawl did not follow: off the site, or forbidden
		// by robots.txt.
		from, _ := url.Parse(p.URL)
		to, err := url.Parse(p.Header.Get("Location"))
		if from != nil && err == nil && p.Header.Get("Location") != "" {
			to = from.ResolveReference(to)
			if !cr.scope.onSite(to.Host) {
				return Outcome{archive.FrontierExcluded, "off_site"}
			}
			if !cr.allowed(to) {
				return Outcome{archive.FrontierExcluded, "robots"}
			}
		}
	}
	return Outcome{archive.FrontierFailed, fmt.Sprintf("http_%d", p.Status)}
}
