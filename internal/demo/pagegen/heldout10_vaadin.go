package pagegen

import (
	"fmt"
	"strings"
)

// renderVaadin10 writes a record as a Vaadin Flow view: a
// vaadin-form-layout per section, each field a read-only text field or
// text area whose value is only in the slotted input or text area.
func renderVaadin10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html lang="it" theme="">
<head>
 <script type="module">window.Vaadin = window.Vaadin || {}; window.Vaadin.TypeScript= {};</script>
 <meta name="viewport" content="width=device-width, initial-scale=1.0">
 <meta http-equiv="X-UA-Compatible" content="IE=edge">
 <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
 <title>%[1]s | Osservatorio Partecipazione</title>
 <base href=".">
 <script type="module" crossorigin src="./VAADIN/build/indexhtml-8c4f2a1e.js"></script>
 <link rel="stylesheet" href="./VAADIN/build/indexhtml-0a94b3c1.css">
</head>
<body>
 <vaadin-app-layout primary-section="navbar" style="--vaadin-app-layout-navbar-offset-size: 56px;">
  <vaadin-drawer-toggle slot="navbar" aria-label="Menu" role="button" tabindex="0"></vaadin-drawer-toggle>
  <h1 slot="navbar" class="text-l m-m">Osservatorio Partecipazione</h1>
  <vaadin-side-nav slot="drawer" role="navigation">
`, esc(p.Title))
	for _, n := range h10Nav {
		fmt.Fprintf(b, "   <vaadin-side-nav-item path=\"%s\" has-tooltip=\"\" role=\"listitem\"><a href=\"%s\" part=\"link\">%s</a></vaadin-side-nav-item>\n", n[1], n[1], esc(n[0]))
	}
	b.WriteString("  </vaadin-side-nav>\n  <vaadin-vertical-layout class=\"scheda-view\" theme=\"padding spacing\" style=\"width: 100%;\">\n")
	fmt.Fprintf(b, "   <h2 class=\"titolo\">%s</h2>\n", esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "   <span class=\"text-secondary\">%s</span>\n", esc(p.Region))
	}
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("   <vaadin-horizontal-layout theme=\"spacing\">")
		for _, bd := range bs {
			fmt.Fprintf(b, "<span theme=\"badge success\">%s</span>", bd)
		}
		b.WriteString("</vaadin-horizontal-layout>\n")
	}
	n := 0
	for i, s := range p.Sections {
		fmt.Fprintf(b, "   <vaadin-details opened=\"\" theme=\"filled\" style=\"width: 100%%;\"><vaadin-details-summary slot=\"summary\" role=\"button\" aria-expanded=\"true\">%s</vaadin-details-summary>\n    <vaadin-form-layout style=\"width: 100%%;\">\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			n++
			lines := h10Lines(f, true)
			if len(lines) > 1 || h3Long(f) {
				fmt.Fprintf(b, "     <vaadin-text-area readonly=\"\" has-label=\"\" has-value=\"\" colspan=\"2\" style=\"width: 100%%;\"><label slot=\"label\" id=\"label-vaadin-text-area-%[1]d\" for=\"textarea-vaadin-text-area-%[2]d\">%[3]s</label><textarea slot=\"textarea\" id=\"textarea-vaadin-text-area-%[2]d\" readonly=\"\" aria-labelledby=\"label-vaadin-text-area-%[1]d\">%[4]s</textarea><div slot=\"error-message\" id=\"error-message-vaadin-text-area-%[5]d\" hidden=\"\"></div></vaadin-text-area>\n",
					3*n, 3*n+1, esc(f.Label), esc(strings.Join(lines, "\n")), 3*n+2)
				continue
			}
			has := ""
			if len(lines) > 0 {
				has = " has-value=\"\""
			}
			fmt.Fprintf(b, "     <vaadin-text-field readonly=\"\" has-label=\"\"%[6]s><label slot=\"label\" id=\"label-vaadin-text-field-%[1]d\" for=\"input-vaadin-text-field-%[2]d\">%[3]s</label><input slot=\"input\" type=\"text\" id=\"input-vaadin-text-field-%[2]d\" readonly=\"\" aria-labelledby=\"label-vaadin-text-field-%[1]d\" value=\"%[4]s\"><div slot=\"error-message\" id=\"error-message-vaadin-text-field-%[5]d\" hidden=\"\"></div></vaadin-text-field>\n",
				3*n, 3*n+1, esc(f.Label), esc(strings.Join(lines, " ")), 3*n+2, has)
		}
		b.WriteString("    </vaadin-form-layout>\n   </vaadin-details>\n")
	}
	fmt.Fprintf(b, `   <vaadin-horizontal-layout theme="spacing" style="align-items: baseline;"><span>%[1]s</span><vaadin-button theme="primary" role="button" tabindex="0" onclick="location.href='integra/%[3]d'">%[2]s</vaadin-button></vaadin-horizontal-layout>
   <footer class="footer">Assemblea legislativa della Regione Emilia-Romagna</footer>
  </vaadin-vertical-layout>
 </vaadin-app-layout>
 <vaadin-notification-card slot="bottom-stretch" role="alert" theme="contrast"><div class="cookie">%[4]s</div><vaadin-button theme="tertiary-inline" role="button">Accetto</vaadin-button></vaadin-notification-card>
 <script>window.Vaadin.devToolsPlugins = [];</script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}
