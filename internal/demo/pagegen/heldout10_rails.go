package pagegen

import (
	"fmt"
	"strings"
)

// renderRails10 writes a record as a Rails scaffold show page: each
// field a <p> with the label in <strong> ending with ":" and the value
// on the next line, sections as <h2>, the edit, back and destroy
// actions.
func renderRails10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html>
  <head>
    <title>%[1]s | Osservatorio Partecipazione</title>
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="csrf-param" content="authenticity_token" />
<meta name="csrf-token" content="Xk3lN0W8m6j1pQ_5a0sQ4e2v7Yk9rT1uB8cD3fG6hJ2kL5mN8pQ1rS4tU7vW0xY3zA6bC9dE2fG5hJ8kL1mN4p" />
    <link rel="stylesheet" href="/assets/application-5b8e1e2a7f3c.css" data-turbo-track="reload" />
    <script type="importmap" data-turbo-track="reload">{"imports":{"application":"/assets/application-2c9b41f0.js","@hotwired/turbo-rails":"/assets/turbo.min-f309baaf.js"}}</script>
<script type="module">import "application"</script>
  </head>
  <body>
    <nav class="navbar">
      <a href="/" class="brand">Osservatorio Partecipazione</a>
`, esc(p.Title))
	for _, n := range h10Nav {
		fmt.Fprintf(b, "      <a href=\"/%s\">%s</a>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `    </nav>
    <main class="container">
<p style="color: green"></p>

<div id="%[1]s">
`, fmt.Sprintf("scheda_processo_%d", p.ID))
	railsP(b, "Nome", esc(p.Title))
	if p.Region != "" {
		railsP(b, "Ente", esc(p.Region))
	}
	railsP(b, "Certificato", railsBool(p.Certified))
	railsP(b, "Finanziato", railsBool(p.Financed))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "  <h2>%s</h2>\n\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			railsP(b, esc(f.Label), h10HTML(f, false, "<br />", func(src string) string {
				return `<img src="` + esc(src) + `" />`
			}))
		}
	}
	fmt.Fprintf(b, `</div>

<div>
  <a href="/schede_processo/%[1]d/edit">Modifica questa scheda</a> |
  <a href="/schede_processo">Torna alle schede</a> |
  %[2]s <a href="/schede_processo/%[1]d/integrazioni/new">%[3]s</a>

  <form class="button_to" method="post" action="/schede_processo/%[1]d"><input type="hidden" name="_method" value="delete" autocomplete="off" /><button type="submit">Elimina questa scheda</button><input type="hidden" name="authenticity_token" value="Qm9vN2lQa2x1d3V4S3VqR0VtX3BrYWdWcU1fRjV4T0l0b0Y2ZzJmN3l0dGQ" autocomplete="off" /></form>
</div>
    </main>
    <footer>Assemblea legislativa della Regione Emilia-Romagna</footer>
    <div id="cookie_notice" data-controller="cookie-notice">%[4]s <button data-action="cookie-notice#accept">Ok</button></div>
  </body>
</html>
`, p.ID, esc(ctaQuestion), esc(ctaAction), esc(h10Cookie))
}

// railsP writes one scaffolded field; label and value are HTML.
func railsP(b *strings.Builder, label, value string) {
	fmt.Fprintf(b, "  <p>\n    <strong>%s:</strong>\n    %s\n  </p>\n\n", label, value)
}

// railsBool is a boolean column as the scaffold prints it.
func railsBool(on bool) string {
	if on {
		return "true"
	}
	return "false"
}
