package serve

import (
	"net/http"
	"net/url"
	"strconv"

	"archivio/archive"
	"archivio/internal/export"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.o.Archive.Overview(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	alerts, _, err := s.o.Archive.RecentAlerts(ctx, 5, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "archivio", "home", map[string]any{"Overview": o, "Alerts": alerts})
}

type pageLink struct {
	Label string
	Href  string
	Here  bool
}

// pager lists the links to the pages of a listing around the current one.
func pager(path string, q url.Values, page, per, total int) []pageLink {
	last := (total + per - 1) / per
	if last <= 1 {
		return nil
	}
	var out []pageLink
	add := func(label string, n int) {
		out = append(out, pageLink{Label: label, Href: withParams(path, q, "page", strconv.Itoa(n)), Here: n == page})
	}
	if page > 1 {
		add("« previous", page-1)
	}
	for n := max(1, page-3); n <= min(last, page+3); n++ {
		add(strconv.Itoa(n), n)
	}
	if page < last {
		add("next »", page+1)
	}
	return out
}

func (s *Server) recordList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rq, err := recordQuery(q)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	page, per, err := paging(q, archive.DefaultPageSize)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	rq.Limit, rq.Offset = per, (page-1)*per
	ctx := r.Context()
	res, err := s.o.Archive.SearchRecords(ctx, rq)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	facets, err := s.o.Archive.RecordFacets(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	filters := filterValues(q)
	sortLink := func(key string) string {
		order := "asc"
		if q.Get("sort") == key && q.Get("order") != "desc" {
			order = "desc"
		}
		return withParams("/records", q, "sort", key, "order", order, "page", "")
	}
	s.render(w, r, http.StatusOK, "records", "Records", "records", map[string]any{
		"Page": res, "Query": q, "Facets": facets, "From": rq.Offset + 1, "To": rq.Offset + len(res.Records),
		"Pages":  pager("/records", q, page, per, res.Total),
		"SortID": sortLink("id"), "SortTitle": sortLink("title"), "SortYear": sortLink("year"),
		"SortStatus": sortLink("status"), "SortChanged": sortLink("changed"),
		"Downloads": map[string]string{
			"csv":     withParams("/download/records.zip", filters, "format", "csv"),
			"jsonl":   withParams("/download/records.zip", filters, "format", "jsonl"),
			"parquet": withParams("/download/records.zip", filters, "format", "parquet"),
			"sqlite":  withParams("/download/records.zip", filters, "format", "sqlite"),
		},
	})
}

// recordVersion reads the record and version a request names: the latest
// unless ?version=N.
func (s *Server) recordVersion(r *http.Request) (id int, versions []*archive.RecordVersion, v *archive.RecordVersion, err error) {
	n, err := pathID(r, "id")
	if err != nil || n > 1<<31 {
		return 0, nil, nil, badf("record id %q is not a record number", r.PathValue("id"))
	}
	id = int(n)
	versions, err = s.o.Archive.RecordVersions(r.Context(), id)
	if err != nil {
		return 0, nil, nil, err
	}
	if len(versions) == 0 {
		return 0, nil, nil, archive.ErrNotFound
	}
	v = versions[len(versions)-1]
	if p := r.URL.Query().Get("version"); p != "" {
		k, err := strconv.Atoi(p)
		if err != nil || k < 1 {
			return 0, nil, nil, badf("version %q is not a version number", p)
		}
		if k > len(versions) {
			return 0, nil, nil, archive.ErrNotFound
		}
		v = versions[k-1]
	}
	return id, versions, v, nil
}

func (s *Server) recordPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, versions, v, err := s.recordVersion(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	doc, err := recordDoc(v.Data)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	c, err := s.o.Archive.Capture(ctx, v.CaptureID)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	links, err := s.o.Archive.RecordLinks(ctx, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var urls []string
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	timelines, err := s.o.Archive.LinkTimelines(ctx, urls, timelinePoints)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	type linkRow struct {
		archive.Link
		Chart  chart
		Alerts []archive.AlertRow
	}
	var rows []linkRow
	for _, l := range links {
		al, err := s.o.Archive.AlertsFor(ctx, l.URL)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		if len(al) > 3 {
			al = al[:3]
		}
		rows = append(rows, linkRow{Link: l, Chart: timelineChart(timelines[l.URL]), Alerts: al})
	}
	title := docTitle(doc, id)
	s.render(w, r, http.StatusOK, "record", title, "records", map[string]any{
		"ID": id, "Title": title, "Version": v, "Latest": len(versions), "IsLatest": v.Version == len(versions),
		"Fields": fieldRows(doc), "Capture": c, "Links": rows, "Versions": len(versions),
	})
}

func (s *Server) recordHistory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, versions, _, err := s.recordVersion(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	q := r.URL.Query()
	from, to := len(versions)-1, len(versions)
	for _, p := range []struct {
		name string
		dst  *int
	}{{"from", &from}, {"to", &to}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > len(versions) {
				s.fail(w, r, http.StatusBadRequest, p.name+" "+strconv.Quote(v)+": want a version from 1 to "+strconv.Itoa(len(versions)))
				return
			}
			*p.dst = n
		}
	}
	type versionRow struct {
		*archive.RecordVersion
		Capture *archive.Capture
	}
	rows := make([]versionRow, len(versions))
	for i, v := range versions {
		c, err := s.o.Archive.Capture(ctx, v.CaptureID)
		if err != nil {
			c = &archive.Capture{ID: v.CaptureID}
		}
		rows[len(versions)-1-i] = versionRow{v, c}
	}
	type change struct {
		Field, Label, From, To string
	}
	var changes []change
	if from >= 1 && from != to {
		fc, err := export.CompareVersions(versions[from-1].Data, versions[to-1].Data)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		for _, f := range fc {
			changes = append(changes, change{Field: f.Field, Label: fieldLabel(f.Field), From: showValue(f.From), To: showValue(f.To)})
		}
	}
	doc, _ := recordDoc(versions[len(versions)-1].Data)
	title := docTitle(doc, id)
	s.render(w, r, http.StatusOK, "history", "History of "+title, "records", map[string]any{
		"ID": id, "Title": title, "Versions": rows, "From": from, "To": to, "Changes": changes, "Count": len(versions),
		"Compared": from >= 1 && from != to,
	})
}
