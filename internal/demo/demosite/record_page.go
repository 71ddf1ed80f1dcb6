package demosite

import (
	"bytes"
	"html"
	"net/http"

	"archivio/internal/demo/pagegen"
)

// pagegenBase is the <base href> element pagegen writes into every page.
const pagegenBase = `<base href="https://www.osservatoriopartecipazione.it/">`

// serveRecord answers a record page, in either URL shape.
func (s *Site) serveRecord(w http.ResponseWriter, r *http.Request) {
	id, ok := recordID(r.URL.Path)
	if !ok {
		s.serveError(w, r, http.StatusNotFound)
		return
	}
	rec, ok := s.recordPage(id)
	if !ok {
		s.serveError(w, r, http.StatusNotFound)
		return
	}
	body, err := pagegen.Render(rec.page, rec.layout)
	if err != nil {
		s.serveError(w, r, http.StatusInternalServerError)
		return
	}
	body = rebase(body, s.origin(r))
	serveOK(w, r, pagegen.ContentType(rec.layout), body, rec.modified)
}

// rebase points the page's <base href> at origin, so that its relative
// links (images, stylesheets, navigation) stay on the site that served
// it. The element is ASCII, as is origin, so this works in every
// layout's encoding.
func rebase(body []byte, origin string) []byte {
	base := `<base href="` + html.EscapeString(origin) + `/">`
	return bytes.Replace(body, []byte(pagegenBase), []byte(base), 1)
}
