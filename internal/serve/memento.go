package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"archivio/archive"
)

// Memento (RFC 7089): the original resource URI-R is an archived URL;
// its TimeGate is /timegate/URI-R, its TimeMaps /timemap/link/URI-R and
// /timemap/json/URI-R, and its mementos /replay/TIMESTAMP/URI-R.

// mementoLinks is the Link header of a memento: its original, TimeGate
// and TimeMap.
func mementoLinks(base, original string) string {
	return fmt.Sprintf(`<%s>; rel="original", <%s/timegate/%s>; rel="timegate", <%s/timemap/link/%s>; rel="timemap"; type="application/link-format"`,
		original, base, original, base, original)
}

// timegate negotiates in time (RFC 7089 4.1, pattern 2.2): a 302 to the
// memento nearest to Accept-Datetime (the latest without one).
func (s *Server) timegate(w http.ResponseWriter, r *http.Request) {
	setInterfaceHeaders(w.Header())
	_, target, err := targetOf(r, "/timegate/", false)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	caps, err := s.mementos(r, target)
	if err != nil {
		s.mementoErr(w, r, err)
		return
	}
	chosen := caps[len(caps)-1]
	if ad := r.Header.Get("Accept-Datetime"); ad != "" {
		at, err := http.ParseTime(ad)
		if err != nil {
			w.Header().Set("Vary", "accept-datetime")
			s.fail(w, r, http.StatusBadRequest, "Accept-Datetime "+ad+": want an HTTP date such as Thu, 31 May 2007 20:35:00 GMT")
			return
		}
		chosen = nearest(caps, at)
	}
	base := absBase(r)
	original := caps[0].URL
	links := []string{
		fmt.Sprintf(`<%s>; rel="original"`, original),
		fmt.Sprintf(`<%s/timemap/link/%s>; rel="timemap"; type="application/link-format"`, base, original),
	}
	links = append(links, mementoRel(base, caps, chosen)...)
	h := w.Header()
	h.Set("Vary", "accept-datetime")
	h.Set("Location", base+replayURL(chosen.FetchedAt, chosen.URL))
	h.Set("Link", strings.Join(links, ", "))
	h.Set("Content-Length", "0")
	w.WriteHeader(http.StatusFound)
}

// mementoRel are the memento links a TimeGate gives beside the chosen
// one: first, last, and the neighbours of the chosen memento.
func mementoRel(base string, caps []*archive.Capture, chosen *archive.Capture) []string {
	var out []string
	for i, c := range caps {
		var rels []string
		if i == 0 {
			rels = append(rels, "first")
		}
		if i == len(caps)-1 {
			rels = append(rels, "last")
		}
		if i+1 < len(caps) && caps[i+1] == chosen {
			rels = append(rels, "prev")
		}
		if i > 0 && caps[i-1] == chosen {
			rels = append(rels, "next")
		}
		if c != chosen && len(rels) == 0 {
			continue
		}
		rels = append(rels, "memento")
		out = append(out, fmt.Sprintf(`<%s%s>; rel="%s"; datetime="%s"`, base, replayURL(c.FetchedAt, c.URL),
			strings.Join(rels, " "), c.FetchedAt.UTC().Format(http.TimeFormat)))
	}
	return out
}

// nearest is the capture closest in time to at, the earlier on a tie.
func nearest(caps []*archive.Capture, at time.Time) *archive.Capture {
	best := caps[0]
	for _, c := range caps[1:] {
		if absDur(c.FetchedAt.Sub(at)) < absDur(best.FetchedAt.Sub(at)) {
			best = c
		}
	}
	return best
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// mementos are the captures of target (or of it under the other scheme),
// oldest first, or ErrNotFound.
func (s *Server) mementos(r *http.Request, target string) ([]*archive.Capture, error) {
	caps, err := s.o.Archive.URLCaptures(r.Context(), target)
	if err == nil && len(caps) == 0 {
		if alt := otherScheme(target); alt != "" {
			caps, err = s.o.Archive.URLCaptures(r.Context(), alt)
		}
	}
	if err == nil && len(caps) == 0 {
		err = archive.ErrNotFound
	}
	return caps, err
}

func (s *Server) mementoErr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, archive.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "archivio has no memento of this URL")
		return
	}
	s.failErr(w, r, err)
}

// timemap serves /timemap/link/URL (application/link-format, RFC 7089
// 5.1.1) and /timemap/json/URL (the JSON form Memento aggregators read).
func (s *Server) timemap(w http.ResponseWriter, r *http.Request) {
	setInterfaceHeaders(w.Header())
	format, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/timemap/"), "/")
	if format != "link" && format != "json" {
		s.fail(w, r, http.StatusNotFound, "timemaps are /timemap/link/URL and /timemap/json/URL")
		return
	}
	_, target, err := targetOf(r, "/timemap/"+format+"/", false)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	caps, err := s.mementos(r, target)
	if err != nil {
		s.mementoErr(w, r, err)
		return
	}
	base := absBase(r)
	original := caps[0].URL
	first, last := caps[0].FetchedAt, caps[len(caps)-1].FetchedAt
	if format == "json" {
		type m struct {
			Datetime string `json:"datetime"`
			URI      string `json:"uri"`
		}
		list := make([]m, len(caps))
		for i, c := range caps {
			list[i] = m{c.FetchedAt.UTC().Format(time.RFC3339), base + replayURL(c.FetchedAt, c.URL)}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"original_uri": original,
			"timegate_uri": base + "/timegate/" + original,
			"timemap_uri": map[string]string{
				"link_format": base + "/timemap/link/" + original,
				"json_format": base + "/timemap/json/" + original,
			},
			"mementos": map[string]any{"first": list[0], "last": list[len(list)-1], "list": list},
		})
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<%s>; rel=\"original\",\n", original)
	fmt.Fprintf(&b, "<%s/timemap/link/%s>; rel=\"self\"; type=\"application/link-format\"; from=\"%s\"; until=\"%s\",\n",
		base, original, first.UTC().Format(http.TimeFormat), last.UTC().Format(http.TimeFormat))
	fmt.Fprintf(&b, "<%s/timegate/%s>; rel=\"timegate\"", base, original)
	for i, c := range caps {
		rel := "memento"
		switch {
		case len(caps) == 1:
			rel = "first last memento"
		case i == 0:
			rel = "first memento"
		case i == len(caps)-1:
			rel = "last memento"
		}
		fmt.Fprintf(&b, ",\n<%s%s>; rel=\"%s\"; datetime=\"%s\"", base, replayURL(c.FetchedAt, c.URL), rel, c.FetchedAt.UTC().Format(http.TimeFormat))
	}
	b.WriteString("\n")
	w.Header().Set("Content-Type", "application/link-format")
	w.Write([]byte(b.String()))
}
