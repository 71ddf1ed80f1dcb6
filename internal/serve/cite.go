package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"archivio/archive"
)

// Citations: each record version and each capture has a stable URL (the
// record page with ?version=N, and the capture's memento
// /replay/TIMESTAMP/URL) and a ready citation naming the source URL, the
// capture time, the payload digest and the archive, as plain text and as
// CSL-JSON (the citation format of Zotero, Pandoc and citeproc).

// citation is what both forms say.
type citation struct {
	ID         string
	Title      string
	SourceURL  string
	CapturedAt time.Time
	Digest     string
	Stable     string // the archive's stable URL
	Note       string
	Publisher  string // "" for the observatory
}

// publisher names the observatory, the source of the records.
const publisher = "Osservatorio Partecipazione, Regione Emilia-Romagna"

func (c citation) Text() string {
	var b strings.Builder
	pub := c.Publisher
	if pub == "" {
		pub = publisher
	}
	fmt.Fprintf(&b, "%q. %s. %s. Captured %s (payload digest %s). Archived copy: %s.",
		c.Title, pub, c.SourceURL, c.CapturedAt.UTC().Format(time.RFC3339), c.Digest, c.Stable)
	if c.Note != "" {
		b.WriteString(" " + c.Note + ".")
	}
	return b.String()
}

// csl is the citation as a CSL-JSON item (a list of one, as CSL-JSON files
// hold).
func (c citation) CSL() []map[string]any {
	t := c.CapturedAt.UTC()
	note := fmt.Sprintf("Captured %s; payload digest %s", t.Format(time.RFC3339), c.Digest)
	if c.Note != "" {
		note += "; " + c.Note
	}
	container, pub := "Osservatorio Partecipazione", "Regione Emilia-Romagna"
	if c.Publisher != "" {
		container, pub = c.Publisher, c.Publisher
	}
	return []map[string]any{{
		"id":               c.ID,
		"type":             "webpage",
		"title":            c.Title,
		"container-title":  container,
		"publisher":        pub,
		"URL":              c.SourceURL,
		"accessed":         map[string]any{"date-parts": [][]int{{t.Year(), int(t.Month()), t.Day()}}},
		"archive":          "archivio",
		"archive_location": c.Stable,
		"note":             note,
	}}
}

func captureCitation(base string, c *archive.Capture) citation {
	host := ""
	if u, err := url.Parse(c.URL); err == nil && u.Hostname() != "www.osservatoriopartecipazione.it" {
		host = u.Hostname()
	}
	return citation{Publisher: host,
		ID: fmt.Sprintf("archivio-capture-%s-%d", ts14(c.FetchedAt), c.ID), Title: c.URL, SourceURL: c.URL,
		CapturedAt: c.FetchedAt, Digest: c.PayloadDigest, Stable: base + replayURL(c.FetchedAt, c.URL),
		Note: fmt.Sprintf("WARC record %s at offset %d", c.WARCFile, c.WARCOffset),
	}
}

// recordCitation cites a record version by the capture it was read from.
func (s *Server) recordCitation(r *http.Request) (citation, error) {
	id, _, v, err := s.recordVersion(r)
	if err != nil {
		return citation{}, err
	}
	doc, err := recordDoc(v.Data)
	if err != nil {
		return citation{}, err
	}
	c, err := s.o.Archive.Capture(r.Context(), v.CaptureID)
	if err != nil {
		return citation{}, err
	}
	return citation{
		ID: fmt.Sprintf("archivio-record-%d-v%d", id, v.Version), Title: docTitle(doc, id), SourceURL: c.URL,
		CapturedAt: c.FetchedAt, Digest: c.PayloadDigest,
		Stable: fmt.Sprintf("%s/records/%d?version=%d", absBase(r), id, v.Version),
		Note:   fmt.Sprintf("Record %d, version %d, read by parser %s", id, v.Version, v.ParserVersion),
	}, nil
}

func (s *Server) recordCiteText(w http.ResponseWriter, r *http.Request) {
	c, err := s.recordCitation(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	writeText(w, c.Text())
}

func (s *Server) recordCiteCSL(w http.ResponseWriter, r *http.Request) {
	c, err := s.recordCitation(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	writeJSON(w, c.CSL())
}

func (s *Server) captureCiteText(w http.ResponseWriter, r *http.Request) {
	c, err := s.capture(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	writeText(w, captureCitation(absBase(r), c).Text())
}

func (s *Server) captureCiteCSL(w http.ResponseWriter, r *http.Request) {
	c, err := s.capture(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	writeJSON(w, captureCitation(absBase(r), c).CSL())
}

func writeText(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, s)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/vnd.citationstyles.csl+json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
