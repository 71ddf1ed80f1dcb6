package demosite

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// pageWindow is how many page numbers around the current one the
// pagination shows, besides the first and the last.
const pageWindow = 2

// pageCount returns the number of listing pages.
func (s *Site) pageCount() int {
	return (len(s.ids) + s.opts.PageSize - 1) / s.opts.PageSize
}

// listingURL returns the path of listing page n.
func listingURL(n int) string { return "/processi?page=" + strconv.Itoa(n) }

// serveListing answers /processi?page=N (N from 1; no page means 1).
// Record links alternate between the two path shapes, by position in the
// whole listing, so a crawler must tell records apart by id.
func (s *Site) serveListing(w http.ResponseWriter, r *http.Request) {
	n, pages := 1, s.pageCount()
	if v := r.URL.Query(); v.Has("page") {
		var err error
		n, err = strconv.Atoi(v.Get("page"))
		if err != nil {
			n = 0
		}
	}
	if n < 1 || n > pages {
		s.serveError(w, r, http.StatusNotFound)
		return
	}
	first := (n - 1) * s.opts.PageSize
	ids := s.ids[first:min(first+s.opts.PageSize, len(s.ids))]

	var b strings.Builder
	fmt.Fprintf(&b, "<h1>Processi partecipativi</h1>\n<p class=\"conteggio\">%d processi &ndash; pagina %d di %d</p>\n<ul class=\"processi\">\n",
		len(s.ids), n, pages)
	for i, id := range ids {
		href := fmt.Sprintf("%s%d", recordPrefix, id)
		if (first+i)%2 == 1 {
			href = fmt.Sprintf("%s%d", ambitoRecordPrefix, id)
		}
		rec, _ := s.recordPage(id)
		fmt.Fprintf(&b, "<li class=\"processo\"><a href=\"%s\">%s</a> <span class=\"stato\">%s</span></li>\n",
			href, esc(rec.page.Title), esc(status(rec.page)))
	}
	b.WriteString("</ul>\n")
	b.WriteString(pagination(n, pages))
	serveOK(w, r, htmlType, page(fmt.Sprintf("Processi - pagina %d", n), b.String()), time.Time{})
}

// pagination returns the navigation of listing page n of pages: previous,
// the first and last page numbers and those near n, next.
func pagination(n, pages int) string {
	var b strings.Builder
	b.WriteString("<nav class=\"paginazione\">\n")
	if n > 1 {
		fmt.Fprintf(&b, "<a rel=\"prev\" href=\"%s\">%s</a>\n", listingURL(n-1), prevPage)
	}
	gap := false
	for i := 1; i <= pages; i++ {
		if i != 1 && i != pages && (i < n-pageWindow || i > n+pageWindow) {
			if !gap {
				b.WriteString("<span class=\"salto\">&hellip;</span>\n")
			}
			gap = true
			continue
		}
		gap = false
		if i == n {
			fmt.Fprintf(&b, "<span class=\"corrente\">%d</span>\n", i)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s\">%d</a>\n", listingURL(i), i)
		}
	}
	if n < pages {
		fmt.Fprintf(&b, "<a rel=\"next\" href=\"%s\">%s</a>\n", listingURL(n+1), nextPage)
	}
	b.WriteString("</nav>\n")
	return b.String()
}
