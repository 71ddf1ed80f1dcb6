package pagegen

import (
	"fmt"
	"strings"
)

// consulSite is the address of the Consul Democracy instance.
const consulSite = "https://decidi.comune-emilia.it"

// consulSupport is the first text of the support sidebar, which follows
// the proposal's description.
const consulSupport = "Sostegni"

// renderConsul5 writes a record published as a proposal of a Consul
// Democracy instance: the top links and the header menu, the proposal's
// title, the author line, the proposal code, the tags (the region and
// the badges), the summary, and the description as its editor wrote it:
// an <h2> per section and a bulleted list of "<strong>Label:</strong>
// value" items, images on a line of their own, empty fields left out;
// then the support sidebar, the share buttons and the comments.
func renderConsul5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" data-current-user-id="">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%[1]s</title>
<link rel="stylesheet" href="/assets/application-9a4f1e2b.css" media="all">
<script src="/assets/application-3c5d7e9f.js"></script>
<meta name="csrf-param" content="authenticity_token">
<meta name="csrf-token" content="%[2]s">
<meta property="og:title" content="%[1]s">
<meta property="og:site_name" content="Decidi">
</head>
<body class="proposals-show">
<a href="#main" class="show-on-focus">Salta al contenuto principale</a>
<div class="wrapper">
<header>
<div class="top-links"><div class="locale"><form class="locale-form" action="%[3]s/proposals/%[4]d"><label class="show-for-sr" for="locale-switcher">Lingua:</label><select class="locale-switcher" name="locale-switcher" id="locale-switcher"><option selected value="it">Italiano</option><option value="en">English</option></select></form></div><ul class="external-links"><li><a href="https://www.comune-emilia.it">Sito del Comune</a></li></ul></div>
<div class="top-bar"><div class="top-bar-title"><a href="%[3]s/" accesskey="0"><img alt="Decidi" src="/assets/logo_header-5e1c2a7d.png"></a></div><div class="top-bar-right"><ul class="menu" role="menubar"><li><a href="%[3]s/users/sign_in">Accedi</a></li><li><a class="button" href="%[3]s/users/sign_up">Registrati</a></li></ul></div></div>
<div class="subnavigation"><ul><li><a href="%[3]s/debates">Dibattiti</a></li><li><a class="is-active" href="%[3]s/proposals">Proposte</a></li><li><a href="%[3]s/legislation/processes">Processi</a></li><li><a href="%[3]s/budgets">Bilanci partecipativi</a></li></ul></div>
</header>
<main id="main">
<div class="proposal-show">
<div id="proposal_%[4]d" class="row">
<div class="small-12 medium-9 column">
<a class="back" href="%[3]s/proposals"><span class="icon-angle-left"></span>Indietro</a>
<h1>%[1]s</h1>
<div class="proposal-info"><img class="author-photo" src="%[3]s/assets/avatar_admin.png" alt="Redazione Osservatorio" width="32" height="32"><span class="author">Redazione Osservatorio</span><span class="bullet">&nbsp;&bull;&nbsp;</span>03/05/2024<span class="bullet">&nbsp;&bull;&nbsp;</span><span class="icon-comments"></span>&nbsp;<a href="#comments">4 commenti</a></div>
<br>
`, esc(p.Title), h3ID(p.URL+"#csrf", 86), consulSite, p.ID)
	var tags []string
	if p.Region != "" {
		tags = append(tags, p.Region)
	}
	tags = append(tags, badgeNames(p)...)
	if len(tags) > 0 {
		b.WriteString("<ul class=\"tags\">")
		for _, t := range tags {
			fmt.Fprintf(b, "<li><a href=\"%s/proposals?tag=%s\">%s</a></li>", consulSite, strings.ReplaceAll(esc(t), " ", "+"), esc(t))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, `<p class="proposal-summary lead">Scheda del processo partecipativo pubblicata dall'Osservatorio Partecipazione e proposta alla discussione pubblica.</p>
<div class="proposal-description">
<p>%s <a href="%s/integra?processo=%d">%s</a></p>
`, esc(ctaQuestion), consulSite, p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h2>%s</h2>\n<ul>\n", esc(s.Name))
		for _, f := range h5NonEmpty(s.Fields) {
			fmt.Fprintf(b, "<li><strong>%s:</strong> %s</li>\n", esc(f.Label), consulValue(f))
		}
		b.WriteString("</ul>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p><em>%s %s</em></p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `</div>
<div class="proposal-code">Codice della proposta: <strong>DEC-2024-05-%[1]d</strong></div>
</div>
<aside class="small-12 medium-3 column">
<div class="sidebar-divider"></div>
<h2>%[2]s</h2>
<div id="proposal_%[1]d_votes" class="supports js-participation"><div class="progress" role="progressbar" tabindex="0" aria-valuenow="0.23" aria-valuemin="0" aria-valuemax="100"><div class="progress-meter" style="width: 1%%"></div></div><span class="total-supports"><span class="supports-count">125 sostegni</span><abbr title="Sostegni necessari">/ 53.726</abbr></span><div class="in-favor"><a class="button button-support" title="Sostieni questa proposta" href="%[3]s/users/sign_in">Sostieni</a></div></div>
<div class="sidebar-divider"></div>
<h2>Condividi</h2>
<div class="social-share-full"><a href="https://www.facebook.com/sharer/sharer.php?u=%[3]s/proposals/%[1]d" target="_blank" class="social-share-button-facebook" title="Facebook"><span class="show-for-sr">Condividi su Facebook</span></a><a href="https://twitter.com/intent/tweet?url=%[3]s/proposals/%[1]d" target="_blank" class="social-share-button-twitter" title="Twitter"><span class="show-for-sr">Condividi su Twitter</span></a></div>
</aside>
</div>
</div>
<div class="tabs-content" id="comments">
<h2>Commenti (4)</h2>
<div class="comment small-12"><div class="comment-body"><p class="comment-info"><span class="user-name">Giulia R.</span> · 04/05/2024</p><p>Nel campo Partecipanti mancano le associazioni del quartiere, che c'erano.</p></div></div>
<div class="comment small-12"><div class="comment-body"><p class="comment-info"><span class="user-name">Marco B.</span> · 05/05/2024</p><p>Stato di avanzamento: a noi risulta ancora in corso.</p></div></div>
</div>
</main>
</div>
<footer><div class="row"><div class="small-12 column"><p>Decidi — Consul Democracy</p></div></div></footer>
</body>
</html>
`, p.ID, consulSupport, consulSite)
}

// consulValue renders a list item's value as the proposal's editor
// wrote it: text as written (addresses linked by the editor), a map and
// its image on lines of their own.
func consulValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "img":
			out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="" style="width: 320px;">`)
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" target="_blank" rel="nofollow">` + esc(u) + `</a>`
			}))
		}
	}
	if len(out) > 0 && strings.HasPrefix(out[0], "<img") {
		return "<br>" + strings.Join(out, "<br>")
	}
	return strings.Join(out, "<br>")
}
