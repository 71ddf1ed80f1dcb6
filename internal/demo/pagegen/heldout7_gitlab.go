package pagegen

import (
	"fmt"
	"strings"
)

// gitlabActivity starts the activity after the description.
const gitlabActivity = "Attività"

// gitlabWidth is the column at which long texts are folded.
const gitlabWidth = 80

// renderGitLab7 writes a record as a GitLab issue whose description holds
// a task list and the record as a YAML code block highlighted by Rouge:
// section keys, labels as mapping keys under them, lists as sequences,
// long texts as folded block scalars wrapped at 80 columns, null or []
// for empty values, values YAML would misread single-quoted; the region
// and badges are the labels; activity and sidebar follow.
func renderGitLab7(b *strings.Builder, p *Page) {
	iid := 40 + p.ID%60
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class="gl-light ui-neutral with-header with-top-bar" lang="it">
<head prefix="og: http://ogp.me/ns#">
<meta charset="utf-8">
<meta content="IE=edge" http-equiv="X-UA-Compatible">
<meta content="width=device-width, initial-scale=1" name="viewport">
<title>%[1]s (#%[2]d) · Issue · osservatorio / schede · GitLab</title>
<meta content="%[1]s (#%[2]d) · Issue · osservatorio / schede" property="og:title">
<link rel="stylesheet" href="/assets/application-2f8a1b.css" media="all">
<script src="/assets/webpack/runtime.8b3c.bundle.js" defer="defer"></script>
</head>
<body class="tab-width-8 gl-browser-firefox gl-platform-linux" data-page="projects:issues:show" data-project="schede" data-project-full-path="osservatorio/schede">
<header class="header-logged-out" data-testid="navbar"><div class="container-fluid"><nav aria-label="Esplora GitLab"><a class="header-logged-out-logo" href="/" title="Homepage"><svg class="tanuki-logo" width="25" height="24" viewBox="0 0 25 24" role="img" aria-hidden="true"><path fill="#E24329" d="m24.507 9.5-.034-.09L21.082.562a.896.896 0 0 0-1.694.091l-2.29 7.01H7.825L5.535.653a.898.898 0 0 0-1.694-.09L.451 9.411.416 9.5a6.297 6.297 0 0 0 2.09 7.278l.012.01.03.022 5.16 3.867 2.56 1.935 1.554 1.176a1.051 1.051 0 0 0 1.268 0l1.555-1.176 2.56-1.935 5.197-3.89.014-.01A6.297 6.297 0 0 0 24.507 9.5Z"/></svg></a><ul class="gl-list-style-none"><li><a href="/explore">Esplora</a></li><li><a href="/users/sign_in?redirect_to_referer=yes">Accedi</a></li></ul></nav></div></header>
<div class="layout-page page-with-super-sidebar">
<div class="content-wrapper"><div class="container-fluid container-limited"><main class="content" id="content-body" itemscope itemtype="http://schema.org/SoftwareSourceCode">
<nav aria-label="Breadcrumbs" class="breadcrumbs"><ul class="breadcrumbs-list"><li><a href="/osservatorio">osservatorio</a></li><li><a href="/osservatorio/schede">schede</a></li><li><a href="/osservatorio/schede/-/issues">Issue</a></li><li><a href="/osservatorio/schede/-/issues/%[2]d">#%[2]d</a></li></ul></nav>
<div class="detail-page-header"><div class="detail-page-header-body"><span class="badge badge-pill badge-success gl-badge sm issuable-status-badge"><svg class="s16 gl-icon" data-testid="issue-open-m-icon"><use href="/assets/icons.svg#issue-open-m"></use></svg><span class="gl-badge-content">Aperta</span></span> Issue creata <time class="js-timeago" datetime="2020-02-15T09:12:00Z" title="15 febbraio 2020 alle 10:12">15 febbraio 2020</time> da <a class="author-link" href="/redazione"><strong>Redazione</strong></a></div></div>
<div class="issue-details issuable-details">
<div class="detail-page-description content-block">
<div class="title-container"><h1 class="title gl-heading-1" data-testid="issue-title">%[1]s</h1></div>
<div class="description js-task-list-container is-task-list-enabled"><div class="md">
<p data-sourcepos="1:1-1:60" dir="auto">Scheda da verificare prima della pubblicazione sul portale.</p>
<ul data-sourcepos="3:1-5:40" class="task-list" dir="auto">
<li data-sourcepos="3:1-3:40" class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> Verificare lo Stato di avanzamento</li>
<li data-sourcepos="4:1-4:40" class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled> Controllare Link e Logo</li>
<li data-sourcepos="5:1-5:40" class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled> Chiedere al Comune gli Obiettivi aggiornati</li>
</ul>
<div class="gl-relative markdown-code-block js-markdown-code"><pre data-sourcepos="7:1-200:3" class="code highlight js-syntax-highlight language-yaml" lang="yaml" data-canonical-lang="yaml" v-pre="true"><code>`, esc(p.Title), iid)
	var lines []string
	tok := func(class, text string) string { return `<span class="` + class + `">` + esc(text) + `</span>` }
	key := func(indent int, k string) string {
		return strings.Repeat(" ", indent) + tok("na", k) + tok("pi", ":")
	}
	lines = append(lines, tok("c1", "# scheda esportata dall'Osservatorio"), key(0, "url")+" "+tok("s", p.URL))
	for i, s := range p.Sections {
		lines = append(lines, key(0, s.Name))
		for _, f := range h7Fields(p, i) {
			lines = append(lines, gitlabField(f, key, tok)...)
		}
	}
	for n, l := range lines {
		if n > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, `<span id="LC%d" class="line" lang="yaml">%s</span>`, n+1, l)
	}
	fmt.Fprintf(b, `</code></pre><copy-code><button type="button" class="btn btn-default btn-md gl-button btn-icon has-tooltip" data-title="Copia negli appunti" aria-label="Copia negli appunti"><svg class="s16 gl-icon gl-button-icon" data-testid="copy-to-clipboard-icon"><use href="/assets/icons.svg#copy-to-clipboard"></use></svg></button></copy-code></div>
</div></div>
<small class="edited-text">Modificata <time class="js-timeago" datetime="2020-02-16T10:00:00Z">16 febbraio 2020</time></small>
</div>
<section class="issuable-discussion js-vue-notes-event"><h2 class="gl-heading-2">%[1]s</h2>
<ul class="notes main-notes-list timeline" id="notes-list">
<li class="note system-note timeline-entry" id="note_901"><div class="timeline-entry-inner"><div class="timeline-content"><div class="note-header"><span class="system-note-message"><a href="/redazione">Redazione</a> ha modificato la descrizione</span></div></div></div></li>
<li class="note note-wrapper timeline-entry" id="note_902"><div class="timeline-entry-inner"><div class="timeline-content"><div class="note-header"><a class="author-name-link" href="/lucia"><span class="note-header-author-name">Lucia B.</span></a> · <time datetime="2020-02-16T11:00:00Z">16 feb 2020</time></div><div class="note-body"><div class="note-text md"><p dir="auto">Anno di chiusura e Durata (mesi) confermati dal Comune.</p></div></div></div></div></li>
</ul></section>
</div>
</main></div></div>
<aside aria-label="Barra laterale dell'issue" class="right-sidebar right-sidebar-expanded issuable-sidebar"><div class="issuable-sidebar">
<div class="block assignee"><div class="title">Assegnatari</div><div class="value"><span class="no-value">Nessuno</span></div></div>
<div class="block labels"><div class="title">Etichette</div><div class="value issuable-show-labels">`, gitlabActivity)
	labels := []string{}
	if p.Region != "" {
		labels = append(labels, p.Region)
	}
	labels = append(labels, badgeNames(p)...)
	for _, l := range append(labels, "da verificare") {
		fmt.Fprintf(b, `<span class="gl-label gl-label-sm"><a class="gl-link gl-label-link" href="/osservatorio/schede/-/issues?label_name%%5B%%5D=%s"><span class="gl-label-text">%s</span></a></span> `, strings.ReplaceAll(esc(l), " ", "+"), esc(l))
	}
	b.WriteString(`</div></div>
<div class="block milestone"><div class="title">Milestone</div><div class="value"><span class="no-value">Nessuna</span></div></div>
<div class="block participants"><div class="title">2 Partecipanti</div><div class="value"><a href="/redazione"><img alt="Redazione" class="avatar s24" src="/uploads/-/system/user/avatar/12/avatar.png"></a> <a href="/lucia"><img alt="Lucia B." class="avatar s24" src="/uploads/-/system/user/avatar/31/avatar.png"></a></div></div>
</div></aside>
</div>
</body>
</html>
`)
}

// gitlabField returns the YAML lines of one field, highlighted.
func gitlabField(f Field, key func(int, string) string, tok func(string, string) string) []string {
	var imgs, items, text []string
	for _, pt := range h7Lines(f) {
		switch pt.kind {
		case "img":
			imgs = append(imgs, pt.text)
		case "item":
			items = append(items, pt.text)
		case "line":
			text = append(text, pt.text)
		}
	}
	k := key(2, f.Label)
	var out []string
	switch {
	case listSep(f.Type) != "":
		if f.MapImage != "" {
			out = append(out, "    "+tok("c1", "# mappa: "+imgs[0]))
			imgs = imgs[1:]
		}
		items = append(items, append(imgs, text...)...)
		if len(items) == 0 {
			return []string{k + " " + tok("pi", "[]")}
		}
		out = append([]string{k}, out...)
		for _, it := range items {
			out = append(out, "    "+tok("pi", "-")+" "+gitlabScalar(it, tok))
		}
		return out
	case len(imgs)+len(text) == 0:
		return []string{k + " " + tok("kc", "null")}
	case len(imgs)+len(text) == 1 && !h3Long(f):
		return []string{k + " " + gitlabScalar(append(imgs, text...)[0], tok)}
	}
	out = append(out, k+" "+tok("pi", ">-"))
	for n, para := range append(imgs, text...) {
		if n > 0 {
			out = append(out, "")
		}
		for _, w := range gitlabWrap(para, gitlabWidth-4) {
			out = append(out, "    "+tok("s", w))
		}
	}
	return out
}

// gitlabScalar writes a value as a plain scalar, or single-quoted when
// YAML would read a plain one as something else.
func gitlabScalar(v string, tok func(string, string) string) string {
	if gitlabNeedsQuotes(v) {
		return tok("s1", "'"+strings.ReplaceAll(v, "'", "''")+"'")
	}
	if strings.Trim(v, "0123456789") == "" {
		return tok("m", v)
	}
	return tok("s", v)
}

// gitlabNeedsQuotes reports whether a plain scalar v would not read back
// as the string v: YAML 1.1 booleans and nulls, indicators at the start,
// ": " or " #" inside, a colon at the end.
func gitlabNeedsQuotes(v string) bool {
	switch strings.ToLower(v) {
	case "yes", "no", "y", "n", "on", "off", "true", "false", "null", "~", "si":
		return true
	}
	if v == "" || strings.ContainsAny(v[:1], "-?:,[]{}#&*!|>'\"%@`") || v != strings.TrimSpace(v) {
		return true
	}
	return strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":")
}

// gitlabWrap folds text at spaces into lines of at most width characters
// (longer words stay whole).
func gitlabWrap(text string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			out = append(out, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
