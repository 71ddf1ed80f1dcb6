package pagegen

import (
	"fmt"
	"strings"
)

// bs3Empty is what the template shows for a missing value.
const bs3Empty = "Nessun dato"

// renderBootstrap34 writes a record page of a site built on Bootstrap 3:
// a static navbar, breadcrumbs, a page header whose <h1> holds the title
// and the region in <small>, the badges as labels, an alert with the call
// to action, then a panel per section: rows with the label in a <strong>
// in a col-sm-4 (help icons after some) and the value in a
// p.form-control-static in a col-sm-8, list items as label badges, long
// texts full width in a well. The last-modified date is a muted line
// after the panels; a "report an error" modal, hidden, lists the labels.
func renderBootstrap34(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s - Osservatorio Partecipazione</title>
<link href="/assets/bootstrap-3.4.1/css/bootstrap.min.css" rel="stylesheet">
<link href="/assets/css/osservatorio.css" rel="stylesheet">
<!--[if lt IE 9]>
<script src="https://oss.maxcdn.com/html5shiv/3.7.3/html5shiv.min.js"></script>
<script src="https://oss.maxcdn.com/respond/1.4.2/respond.min.js"></script>
<![endif]-->
</head>
<body>
<nav class="navbar navbar-default navbar-static-top">
<div class="container">
<div class="navbar-header">
<button type="button" class="navbar-toggle collapsed" data-toggle="collapse" data-target="#menu" aria-expanded="false"><span class="sr-only">Mostra il menu</span><span class="icon-bar"></span><span class="icon-bar"></span><span class="icon-bar"></span></button>
<a class="navbar-brand" href="/">Osservatorio Partecipazione</a>
</div>
<div class="collapse navbar-collapse" id="menu">
<ul class="nav navbar-nav">
<li class="active"><a href="/processi">Processi <span class="sr-only">(pagina corrente)</span></a></li>
<li><a href="/mappa">Mappa dei processi</a></li>
<li><a href="/statistiche">Statistiche</a></li>
</ul>
</div>
</div>
</nav>
<div class="container">
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/processi">Processi</a></li><li class="active">Scheda n. %d</li></ol>
<div class="page-header"><h1>%s`, esc(p.Title), p.ID, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, " <small>%s</small>", esc(p.Region))
	}
	b.WriteString("</h1></div>\n")
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<p class=\"badges\">")
		for i, name := range n {
			cls := "label-success"
			if i > 0 {
				cls = "label-primary"
			}
			fmt.Fprintf(b, "<span class=\"label %s\">%s</span> ", cls, esc(name))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<div class=\"alert alert-info\" role=\"alert\"><span class=\"glyphicon glyphicon-info-sign\" aria-hidden=\"true\"></span> %s <a href=\"/integra/%d\" class=\"alert-link\">%s</a></div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"panel panel-default\">\n<div class=\"panel-heading\"><h3 class=\"panel-title\">%s</h3></div>\n<div class=\"panel-body\">\n", esc(s.Name))
		for _, f := range s.Fields {
			help := ""
			if h3Helped[f.Label] {
				help = fmt.Sprintf(` <span class="glyphicon glyphicon-question-sign text-muted" aria-hidden="true" data-toggle="tooltip" title="%s"></span>`, esc(helpFor(f.Label)))
			}
			if h3Long(f) {
				fmt.Fprintf(b, "<div class=\"row\">\n<div class=\"col-sm-12\"><strong>%s</strong>%s\n%s</div>\n</div>\n", esc(f.Label), help, bs3Well(f))
				continue
			}
			fmt.Fprintf(b, "<div class=\"row\">\n<div class=\"col-sm-4\"><strong>%s</strong>%s</div>\n<div class=\"col-sm-8\">%s</div>\n</div>\n", esc(f.Label), help, bs3Value(f))
		}
		b.WriteString("</div>\n</div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"text-right text-muted\"><small>%s %s</small></p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `</div>
<div class="modal fade" id="segnala" tabindex="-1" role="dialog" aria-labelledby="segnala-titolo" aria-hidden="true">
<div class="modal-dialog" role="document">
<div class="modal-content">
<div class="modal-header"><button type="button" class="close" data-dismiss="modal" aria-label="Chiudi"><span aria-hidden="true">&times;</span></button><h4 class="modal-title" id="segnala-titolo">Segnala un errore nella scheda</h4></div>
<div class="modal-body">
<form action="/segnala/%d" method="post">
<div class="form-group"><label for="segnala-campo">Campo</label><select class="form-control" id="segnala-campo" name="campo">
`, p.ID)
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<option>%s</option>\n", esc(f.Label))
		}
	}
	b.WriteString(`</select></div>
<div class="form-group"><label for="segnala-testo">Descrizione</label><textarea class="form-control" id="segnala-testo" name="testo" rows="3"></textarea></div>
</form>
</div>
<div class="modal-footer"><button type="button" class="btn btn-default" data-dismiss="modal">Annulla</button><button type="button" class="btn btn-primary">Invia</button></div>
</div>
</div>
</div>
<footer class="footer"><div class="container"><p class="text-muted">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p></div></footer>
<script src="/assets/js/jquery-1.12.4.min.js"></script>
<script src="/assets/bootstrap-3.4.1/js/bootstrap.min.js"></script>
</body>
</html>
`)
}

// bs3Value renders a short value: static paragraphs, list items as label
// badges, images as thumbnails, "Nessun dato" when empty.
func bs3Value(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return `<p class="form-control-static text-muted"><em>` + bs3Empty + `</em></p>`
	}
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<p class="form-control-static">`+strings.Join(items, " ")+`</p>`)
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "item":
			items = append(items, `<span class="label label-default">`+esc(pt.text)+`</span>`)
		case "img":
			flush()
			out = append(out, fmt.Sprintf(`<p><img src="%s" class="img-responsive img-thumbnail" alt=""></p>`, esc(absURL(pt.text))))
		default:
			flush()
			out = append(out, `<p class="form-control-static">`+textHTML(f.Type, pt.text)+`</p>`)
		}
	}
	flush()
	return strings.Join(out, "")
}

// bs3Well renders a long text in a well, one paragraph per line.
func bs3Well(f Field) string {
	if isEmpty(f) {
		return `<div class="well well-sm text-muted"><em>` + bs3Empty + `</em></div>`
	}
	var out []string
	for _, l := range f.Lines {
		out = append(out, "<p>"+h3Autolink(l, func(u string) string { return `<a href="` + esc(u) + `">` + esc(u) + `</a>` })+"</p>")
	}
	return `<div class="well well-sm">` + strings.Join(out, "") + `</div>`
}
