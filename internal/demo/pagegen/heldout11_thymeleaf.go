package pagegen

import (
	"fmt"
	"strings"
)

// renderThymeleaf11 writes a record as a Spring Boot admin detail view
// (Thymeleaf, Bootstrap 5): each field a row of a col-form-label label
// and a read-only form-control-plaintext input or text area.
func renderThymeleaf11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="_csrf" content="5f0d2b8e-1c4a-4e7b-9d3f-8a6c2e1b0f47"/>
<meta name="_csrf_header" content="X-CSRF-TOKEN"/>
<title>Dettaglio scheda - %[1]s</title>
<link rel="stylesheet" href="/webjars/bootstrap/5.3.2/css/bootstrap.min.css">
<link rel="stylesheet" href="/css/admin.css">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark bg-primary"><div class="container-fluid"><a class="navbar-brand" href="/">Osservatorio Partecipazione</a><ul class="navbar-nav me-auto">
`, esc(p.Title))
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li class="nav-item"><a class="nav-link" href="/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></div></nav>
<div class="container my-4">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/schede">Schede</a></li><li class="breadcrumb-item active" aria-current="page">Dettaglio</li></ol></nav>
<h1 class="h3 mb-3">%[1]s</h1>
<form action="/schede/%[2]d" method="post">
<input type="hidden" name="_csrf" value="5f0d2b8e-1c4a-4e7b-9d3f-8a6c2e1b0f47"/>
<input type="hidden" id="id" name="id" value="%[2]d">
<fieldset disabled>
`, esc(p.Title), p.ID)
	n := 0
	row := func(label string, lines []string, long bool) {
		n++
		id := fmt.Sprintf("campo%d", n)
		ctl := `<input type="text" readonly class="form-control-plaintext" id="` + id + `" value="` + esc(strings.Join(lines, " ")) + `">`
		if long {
			ctl = `<textarea readonly class="form-control-plaintext" id="` + id + `" rows="` + fmt.Sprint(len(lines)+1) + `">` + esc(strings.Join(lines, "\n")) + `</textarea>`
		}
		fmt.Fprintf(b, "<div class=\"row mb-2\">\n  <label for=\"%s\" class=\"col-sm-3 col-form-label fw-semibold\">%s</label>\n  <div class=\"col-sm-9\">%s</div>\n</div>\n", id, esc(label), ctl)
	}
	if p.Region != "" {
		row("Ente", []string{p.Region}, false)
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<div class=\"form-check form-check-inline\"><input class=\"form-check-input\" type=\"checkbox\" checked id=\"%[1]s\"><label class=\"form-check-label\" for=\"%[1]s\">%[1]s</label></div>\n", esc(bd))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h2 class=\"h5 mt-4 border-bottom pb-1\">%s</h2>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			lines := h10Lines(f, false)
			row(f.Label, lines, len(lines) > 1 || h3Long(f))
		}
	}
	fmt.Fprintf(b, `</fieldset>
<div class="mt-4"><a class="btn btn-secondary" href="/schede">Indietro</a> <a class="btn btn-primary" href="/schede/%[3]d/modifica">Modifica</a></div>
</form>
<div class="alert alert-light mt-4">%[1]s <a href="/integrazioni/nuova?scheda=%[3]d">%[2]s</a></div>
</div>
<footer class="text-center text-muted small py-3">Assemblea legislativa della Regione Emilia-Romagna</footer>
<div class="position-fixed bottom-0 w-100 bg-dark text-white p-2" id="cookieBanner">%[4]s <button class="btn btn-sm btn-light" onclick="acceptCookies()">OK</button></div>
<script src="/webjars/bootstrap/5.3.2/js/bootstrap.bundle.min.js"></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
