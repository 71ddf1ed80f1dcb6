package serve

import (
	"encoding/json"
	"net/http"
	"sort"

	"archivio/archive"
	"archivio/internal/jobs"
)

// runsPerPage is the size of a page of the crawl listing.
const runsPerPage = 50

// runRow is a run with its report read.
type runRow struct {
	archive.Crawl
	Report   jobs.Report
	Links    *jobs.LinksReport
	Duration string
}

func readRun(c archive.Crawl) runRow {
	r := runRow{Crawl: c, Duration: durationText(c.StartedAt, c.FinishedAt)}
	if c.Report == "" {
		return r
	}
	if c.Source == "links" {
		var lr jobs.LinksReport
		if json.Unmarshal([]byte(c.Report), &lr) == nil {
			r.Links = &lr
		}
		return r
	}
	json.Unmarshal([]byte(c.Report), &r.Report)
	return r
}

func (s *Server) crawlList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	source := q.Get("source")
	if len(source) > 100 {
		s.fail(w, r, http.StatusBadRequest, "source: too long")
		return
	}
	page, _, err := paging(q, runsPerPage)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	res, err := s.o.Archive.Crawls(r.Context(), source, runsPerPage, (page-1)*runsPerPage)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rows := make([]runRow, len(res.Crawls))
	for i, c := range res.Crawls {
		rows[i] = readRun(c)
	}
	s.render(w, r, http.StatusOK, "crawls", "Crawls", "crawls", map[string]any{
		"Runs": rows, "Total": res.Total, "Source": source, "Chart": runsChart(rows),
		"Pages": pager("/crawls", q, page, runsPerPage, res.Total),
	})
}

// kindCount is an error kind and how often it happened.
type kindCount struct {
	Kind  string
	Count int64
}

func sortedKinds(m map[string]int64) []kindCount {
	out := make([]kindCount, 0, len(m))
	for k, n := range m {
		out = append(out, kindCount{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

func (s *Server) crawlPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.bad(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.o.Archive.Crawl(ctx, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	run := readRun(*c)
	fetchErrs, err := s.o.Archive.FetchErrorKinds(ctx, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	fe := map[string]int64{}
	for k, n := range fetchErrs {
		fe[k] = int64(n)
	}
	pretty, _ := json.MarshalIndent(json.RawMessage(orEmpty(c.Report)), "", "  ")
	s.render(w, r, http.StatusOK, "crawl", "Run "+r.PathValue("id"), "crawls", map[string]any{
		"Run": run, "Errors": sortedKinds(run.Report.Errors), "FetchErrors": sortedKinds(fe), "Health": run.Report.ParseHealth,
		"ReportJSON": string(pretty),
	})
}

func orEmpty(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}
