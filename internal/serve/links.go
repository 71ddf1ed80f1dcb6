package serve

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"archivio/archive"
	"archivio/linkcheck"
)

func (s *Server) linkList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lq := archive.LinkQuery{State: q.Get("state"), Text: strings.TrimSpace(q.Get("q")), Active: q.Get("all") == ""}
	switch lq.State {
	case "", archive.StateUp, archive.StateSuspect, archive.StateDown:
	default:
		s.fail(w, r, http.StatusBadRequest, "state "+lq.State+": want up, suspect or down")
		return
	}
	if len(lq.Text) > 500 {
		s.fail(w, r, http.StatusBadRequest, "a search longer than 500 characters")
		return
	}
	page, per, err := paging(q, archive.DefaultPageSize)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	lq.Limit, lq.Offset = per, (page-1)*per
	ctx := r.Context()
	res, err := s.o.Archive.SearchLinks(ctx, lq)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	urls := make([]string, len(res.Links))
	for i, l := range res.Links {
		urls[i] = l.URL
	}
	tl, err := s.o.Archive.LinkTimelines(ctx, urls, timelinePoints)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	type row struct {
		archive.Link
		Chart chart
	}
	rows := make([]row, len(res.Links))
	for i, l := range res.Links {
		rows[i] = row{l, timelineChart(tl[l.URL])}
	}
	s.render(w, r, http.StatusOK, "links", "Source health", "links", map[string]any{
		"Links": rows, "Total": res.Total, "Query": q, "From": lq.Offset + 1, "To": lq.Offset + len(rows),
		"Pages": pager("/links", q, page, per, res.Total),
	})
}

func (s *Server) linkPage(w http.ResponseWriter, r *http.Request) {
	u := r.URL.Query().Get("url")
	if u == "" || len(u) > 8192 {
		s.fail(w, r, http.StatusBadRequest, "url: want the link's URL")
		return
	}
	ctx := r.Context()
	l, err := s.o.Archive.Link(ctx, u)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	checks, err := s.o.Archive.LinkHistory(ctx, u)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	recs, err := s.o.Archive.LinkRecords(ctx, u)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	caps, err := s.o.Archive.URLCaptures(ctx, u)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	alerts, err := s.o.Archive.AlertsFor(ctx, u)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var good *archive.Capture
	if l.LastGoodCapture != 0 {
		good, _ = s.o.Archive.Capture(ctx, l.LastGoodCapture)
	}
	type checkRow struct {
		archive.Check
		Works bool
		Chain []linkcheck.Hop
	}
	rows := make([]checkRow, 0, len(checks))
	var points []archive.TimelinePoint
	for i := len(checks) - 1; i >= 0; i-- {
		c := checks[i]
		var chain []linkcheck.Hop
		json.Unmarshal(c.Chain, &chain)
		rows = append(rows, checkRow{Check: c, Works: verdictWorks(c.Verdict), Chain: chain})
	}
	for _, c := range checks[max(0, len(checks)-timelinePoints):] {
		points = append(points, archive.TimelinePoint{At: c.CheckedAt, Verdict: c.Verdict, Status: c.Status})
	}
	if len(rows) > 200 {
		rows = rows[:200]
	}
	var chain []linkcheck.Hop
	json.Unmarshal(l.RedirectChain, &chain)
	s.render(w, r, http.StatusOK, "link", l.URL, "links", map[string]any{
		"Link": l, "Checks": rows, "Records": recs, "Captures": caps, "Alerts": alerts, "Good": good,
		"Chain": chain, "Chart": timelineChart(points), "Wayback": "https://web.archive.org/web/*/" + url.PathEscape(u),
		"TotalChecks": len(checks),
	})
}
