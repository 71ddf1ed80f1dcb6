package serve

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"archivio/archive"
)

// badRequest is a request parameter that cannot be read: a 400.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error { return &badRequest{fmt.Sprintf(format, args...)} }

// pathID reads a positive numeric id from the path value name.
func pathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || len(v) > 18 {
		return 0, badf("%s %q is not a positive number", name, v)
	}
	return n, nil
}

// maxPage is the last page a listing may ask for: offsets stay small
// enough to be answered quickly.
const maxPage = 100000

// paging reads page (from 1) and per (1 to archive.MaxPageSize) from the
// query, or reports them malformed.
func paging(q url.Values, defPer int) (page, per int, err error) {
	page, per = 1, defPer
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > maxPage {
			return 0, 0, badf("page %q: want a number from 1 to %d", v, maxPage)
		}
	}
	if v := q.Get("per"); v != "" {
		if per, err = strconv.Atoi(v); err != nil || per < 1 || per > archive.MaxPageSize {
			return 0, 0, badf("per %q: want a number from 1 to %d", v, archive.MaxPageSize)
		}
	}
	return page, per, nil
}

// recordQuery reads the record filters of a listing from the query.
func recordQuery(q url.Values) (archive.RecordQuery, error) {
	rq := archive.RecordQuery{
		Text:      strings.TrimSpace(q.Get("q")),
		Status:    q.Get("status"),
		Nature:    q.Get("nature"),
		Territory: strings.TrimSpace(q.Get("territory")),
		LinkState: q.Get("link"),
		Sort:      q.Get("sort"),
		Desc:      q.Get("order") == "desc",
	}
	if len(rq.Text) > 200 || len(rq.Territory) > 200 || len(rq.Status) > 200 || len(rq.Nature) > 200 {
		return rq, badf("a filter longer than 200 characters")
	}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			return rq, badf("year %q: want a year such as 2019", v)
		}
		rq.Year = y
	}
	for _, b := range []struct {
		name string
		dst  **bool
	}{{"certified", &rq.Certified}, {"financed", &rq.Financed}} {
		switch v := q.Get(b.name); v {
		case "":
		case "yes", "true":
			t := true
			*b.dst = &t
		case "no", "false":
			f := false
			*b.dst = &f
		default:
			return rq, badf("%s %q: want yes or no", b.name, v)
		}
	}
	switch rq.LinkState {
	case "", archive.StateUp, archive.StateSuspect, archive.StateDown:
	default:
		return rq, badf("link %q: want up, suspect or down", rq.LinkState)
	}
	switch rq.Sort {
	case "", "id", "title", "year", "status", "changed":
	default:
		return rq, badf("sort %q: want id, title, year, status or changed", rq.Sort)
	}
	if o := q.Get("order"); o != "" && o != "asc" && o != "desc" {
		return rq, badf("order %q: want asc or desc", o)
	}
	return rq, nil
}

// filterValues are a record query's filters as URL parameters (sort and
// page aside), for links that keep them.
func filterValues(q url.Values) url.Values {
	out := url.Values{}
	for _, k := range []string{"q", "status", "nature", "year", "territory", "certified", "financed", "link"} {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// withParams returns path with v's parameters plus the extra pairs.
func withParams(path string, v url.Values, kv ...string) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			c.Del(kv[i])
		} else {
			c.Set(kv[i], kv[i+1])
		}
	}
	if len(c) == 0 {
		return path
	}
	return path + "?" + c.Encode()
}

// bad answers 400 for a badRequest, else as failErr.
func (s *Server) bad(w http.ResponseWriter, r *http.Request, err error) {
	var b *badRequest
	if errors.As(err, &b) {
		s.fail(w, r, http.StatusBadRequest, b.msg)
		return
	}
	s.failErr(w, r, err)
}
