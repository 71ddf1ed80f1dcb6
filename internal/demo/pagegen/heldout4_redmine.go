package pagegen

import (
	"fmt"
	"strings"
)

// redmineStatus is the tracker's own status of the issue that holds a
// record: closed once the process is over.
func redmineStatus(p *Page) string {
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if f.Label == "Stato di avanzamento" && len(f.Lines) == 1 && f.Lines[0] == "Concluso" {
				return "Chiusa"
			}
		}
	}
	return "In lavorazione"
}

// renderRedmine4 writes a Redmine issue of the project where the
// observatory's editors keep the records, one issue per record, as an
// anonymous visitor sees it: the project title with its parent project
// (the region) in the header's <h1>, the subject (the title) in an <h3>,
// the tracker's attributes and the badges as tags, then the custom
// fields grouped in collapsible fieldsets, and the history.
func renderRedmine4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>Scheda #%d: %s - Osservatorio Partecipazione - Redmine</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Redmine">
<meta name="keywords" content="issue,bug,tracker">
<meta name="csrf-param" content="authenticity_token">
<meta name="csrf-token" content="%s">
<link rel="shortcut icon" href="/favicon.ico?1693752131">
<link rel="stylesheet" media="all" href="/stylesheets/jquery/jquery-ui-1.13.2.css?1693752131">
<link rel="stylesheet" media="all" href="/stylesheets/tribute-5.1.3.css?1693752131">
<link rel="stylesheet" media="all" href="/stylesheets/application.css?1693752131">
<link rel="stylesheet" media="all" href="/stylesheets/responsive.css?1693752131">
<script src="/javascripts/jquery-3.6.1-ui-1.13.2-ujs-6.1.7.6.js?1693752131"></script>
<script src="/javascripts/application.js?1693752131"></script>
<script>
//<![CDATA[
$(window).on('load', function(){ warnLeavingUnsaved('Questa pagina contiene del testo non salvato che verrà perso se si esce dalla pagina.'); });
//]]>
</script>
<link rel="alternate" type="application/atom+xml" title="Osservatorio Partecipazione - Scheda #%d" href="/issues/%d.atom">
</head>
<body class="project-osservatorio has-main-menu controller-issues action-show avatars-off">
<div id="wrapper">
<div id="wrapper2">
<div id="wrapper3">
<div id="top-menu">
<div id="account"><ul><li><a class="login" href="/login">Accedi</a></li><li><a class="register" href="/account/register">Registrati</a></li></ul></div>
<ul><li><a class="home" href="/">Home</a></li><li><a class="projects" href="/projects">Progetti</a></li><li><a class="help" href="https://www.redmine.org/guide">Aiuto</a></li></ul>
</div>
<div id="header">
<div id="quick-search">
<form action="/projects/osservatorio/search" accept-charset="UTF-8" name="form-1" method="get"><input type="hidden" name="scope" value="subprojects" autocomplete="off"><input type="hidden" name="issues" value="1" autocomplete="off">
<label for="q"><a accesskey="4" href="/projects/osservatorio/search?scope=subprojects">Cerca</a>:</label>
<input type="text" name="q" id="q" size="20" class="small" accesskey="f" data-auto-complete="true">
</form>
</div>
`, p.ID, esc(p.Title), h3ID(p.URL, 86), p.ID, p.ID)
	b.WriteString("<h1>")
	if p.Region != "" {
		fmt.Fprintf(b, `<a class="root" href="/projects/regione?jump=issues">%s</a> » `, esc(p.Region))
	}
	fmt.Fprintf(b, `<span class="current-project">Osservatorio Partecipazione</span></h1>
<div id="main-menu" class="tabs">
<ul><li><a class="overview" href="/projects/osservatorio">Panoramica</a></li><li><a class="activity" href="/projects/osservatorio/activity">Attività</a></li><li><a class="issues selected" href="/projects/osservatorio/issues">Schede</a></li><li><a class="wiki" href="/projects/osservatorio/wiki">Wiki</a></li></ul>
</div>
</div>
<div id="main" class="nosidebar">
<div id="sidebar"></div>
<div id="content">
<div class="contextual">
<a class="icon icon-fav-off" rel="nofollow" href="/login?back_url=%%2Fissues%%2F%[1]d">Osserva</a>
</div>
<h2 class="inline-flex">Scheda #%[1]d</h2>
<div class="issue tracker-3 status-5 priority-2 priority-default details">
<div class="next-prev-links contextual"><a title="Scheda precedente" href="/issues/%[2]d">« Precedente</a> | <span class="position">%[1]d di 3102</span> | <a title="Scheda successiva" href="/issues/%[3]d">Successiva »</a></div>
<div class="subject">
<div><h3>%[4]s</h3></div>
</div>
<p class="author">Aggiunto da <a class="user active" href="/users/5">Redazione Osservatorio</a> <a title="12/06/2012 10:00" href="/projects/osservatorio/activity?from=2012-06-12">più di 10 anni</a> fa. Aggiornato <a title="03/05/2024 09:41" href="/projects/osservatorio/activity?from=2024-05-03">circa 1 anno</a> fa.</p>
<div class="attributes">
<div class="splitcontent">
<div class="splitcontentleft">
<div class="status attribute"><div class="label">Stato:</div><div class="value">%[5]s</div></div>
<div class="priority attribute"><div class="label">Priorità:</div><div class="value">Normale</div></div>
<div class="assigned-to attribute"><div class="label">Assegnata a:</div><div class="value"><a class="user active" href="/users/5">Redazione Osservatorio</a></div></div>
</div>
<div class="splitcontentright">
<div class="category attribute"><div class="label">Categoria:</div><div class="value">Processi partecipativi</div></div>
`, p.ID, p.ID-1, p.ID+1, esc(p.Title), redmineStatus(p))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString(`<div class="tags attribute"><div class="label">Tag:</div><div class="value">`)
		for i, name := range n {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, `<span class="tag-label-color" style="background-color: #2e7d32"><a href="/projects/osservatorio/issues?f[]=tags&amp;op[tags]=%%3D&amp;v[tags][]=%s">%s</a></span>`, esc(strings.ToLower(name)), esc(name))
		}
		b.WriteString("</div></div>\n")
	}
	b.WriteString("</div>\n</div>\n</div>\n")
	cf := 3
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<fieldset class=\"collapsible custom-fields-group\">\n<legend onclick=\"toggleFieldset(this);\" class=\"icon icon-expanded\">%s</legend>\n<div class=\"attributes\">\n", esc(s.Name))
		short, wide := redmineArrange(h4Fields(s, i == len(p.Sections)-1, p))
		if len(short) > 0 {
			half := (len(short) + 1) / 2
			b.WriteString("<div class=\"splitcontent\">\n<div class=\"splitcontentleft\">\n")
			for j, f := range short {
				if j == half {
					b.WriteString("</div>\n<div class=\"splitcontentright\">\n")
				}
				cf++
				fmt.Fprintf(b, "<div class=\"cf_%d attribute\"><div class=\"label\"><span>%s</span>:</div><div class=\"value\">%s</div></div>\n", cf, esc(f.Label), redmineValue(f))
			}
			b.WriteString("</div>\n</div>\n")
		}
		for _, f := range wide {
			cf++
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<hr>\n<div class=\"cf_%d attribute\"><div class=\"label\"><span>%s</span>:</div><div class=\"value\"><div class=\"wiki\">%s</div></div></div>\n", cf, esc(f.Label), redmineWiki(f))
		}
		b.WriteString("</div>\n</fieldset>\n")
	}
	b.WriteString("</div>\n")
	b.WriteString(`<div id="history">
<div class="tabs"><ul><li><a class="selected" id="tab-history" href="/issues/` + fmt.Sprint(p.ID) + `?tab=history">Cronologia</a></li><li><a id="tab-notes" href="/issues/` + fmt.Sprint(p.ID) + `?tab=notes">Note</a></li></ul></div>
<h3>Cronologia</h3>
<div id="change-` + fmt.Sprint(40000+p.ID) + `" class="journal has-details">
<div id="note-1">
<div class="contextual"><a href="#note-1" class="journal-link">#1</a></div>
<h4 class="note-header">Aggiornato da <a class="user active" href="/users/5">Redazione Osservatorio</a> <a title="03/05/2024 09:41" href="/projects/osservatorio/activity?from=2024-05-03">circa 1 anno</a> fa</h4>
<ul class="details">
`)
	if redmineStatus(p) == "Chiusa" {
		b.WriteString("<li><strong>Stato di avanzamento</strong> cambiato da <i>In corso</i> a <i>Concluso</i></li>\n<li><strong>Stato</strong> cambiato da <i>In lavorazione</i> a <i>Chiusa</i></li>\n")
	} else {
		b.WriteString("<li><strong>Assegnata a</strong> impostato a <i>Redazione Osservatorio</i></li>\n")
	}
	fmt.Fprintf(b, `</ul>
</div>
</div>
</div>
<div style="clear: both;"></div>
<p class="other-formats">Formati disponibili: <span><a class="atom" rel="nofollow" href="/issues/%[1]d.atom">Atom</a></span> <span><a class="pdf" rel="nofollow" href="/issues/%[1]d.pdf">PDF</a></span></p>
</div>
</div>
<div id="footer">Powered by <a href="https://www.redmine.org/">Redmine</a> &copy; 2006-2023 Jean-Philippe Lang</div>
</div>
</div>
</div>
</body>
</html>
`, p.ID)
}

// redmineArrange returns the fields of a section in the order the issue
// shows them: the half-width fields, then the full-width ones.
func redmineArrange(fields []Field) (short, wide []Field) {
	for _, f := range fields {
		if redmineWide(f) {
			wide = append(wide, f)
		} else {
			short = append(short, f)
		}
	}
	return short, wide
}

// redmineWide reports whether f is a full-width text custom field: the
// long texts, and the territory, whose value holds the map image.
func redmineWide(f Field) bool {
	return h4Long(f) || f.MapImage != ""
}

// redmineValue renders a half-width custom field's value: multiple
// values joined by ", ", links shown as their address, text as is.
func redmineValue(f Field) string {
	var out []string
	if items := h4Items(f); len(items) > 0 {
		out = append(out, esc(strings.Join(items, ", ")))
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			u := esc(absURL(pt.text))
			out = append(out, `<a href="`+u+`" class="external">`+u+`</a>`)
		case "line":
			out = append(out, textHTML(f.Type, pt.text))
		}
	}
	return strings.Join(out, "<br>")
}

// redmineWiki renders a full-width text custom field as Textile does:
// paragraphs, images inline, URLs autolinked.
func redmineWiki(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, "<p>"+esc(strings.Join(items, ", "))+"</p>")
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "map":
			out = append(out, "<p>"+mapLine+"<br>")
		case "img":
			img := `<img src="` + esc(absURL(pt.text)) + `" alt="">`
			if len(out) > 0 && strings.HasSuffix(out[len(out)-1], "<br>") {
				out[len(out)-1] += img + "</p>"
			} else {
				out = append(out, "<p>"+img+"</p>")
			}
		case "item":
			items = append(items, pt.text)
		default:
			flush()
			out = append(out, "<p>"+h3Autolink(pt.text, func(u string) string {
				return `<a class="external" href="` + esc(u) + `">` + esc(u) + `</a>`
			})+"</p>")
		}
	}
	flush()
	return strings.Join(out, "\n")
}
