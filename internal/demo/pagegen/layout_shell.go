package pagegen

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ShellLayout names a layout that no reader of the visible page can read:
// a JavaScript application shell whose visible body says it is loading,
// with the whole record (labels and values) only in a JSON blob inside a
// <script> element, for a script to render. A site moving to such a
// front end is what a drift alert must catch. It is not among Layouts:
// the demo site serves it only when told to (demosite.Site.SetLayout).
const ShellLayout = "shell"

// extraLayouts are the layouts Render knows beside Layouts.
var extraLayouts = []layout{
	{name: ShellLayout, contentType: "text/html; charset=utf-8", render: renderShell, encode: encodeUTF8},
}

// shellData is the JSON the shell's script would render.
type shellData struct {
	ID        int            `json:"id"`
	Title     string         `json:"titolo"`
	Region    string         `json:"regione,omitempty"`
	Badges    []string       `json:"badge"`
	Sections  []shellSection `json:"sezioni"`
	LastMod   string         `json:"ultimaModifica,omitempty"`
	Generated string         `json:"generatore"`
}

type shellSection struct {
	Name   string       `json:"nome"`
	Fields []shellField `json:"campi"`
}

type shellField struct {
	Label string   `json:"etichetta"`
	Lines []string `json:"valore"`
}

// renderShell writes the "shell" layout: UTF-8, a loading message and the
// record as JSON in a <script> element.
func renderShell(b *strings.Builder, p *Page) {
	d := shellData{ID: p.ID, Title: p.Title, Region: p.Region, Badges: badgeNames(p), LastMod: p.LastModified,
		Generated: "scheda-app 2.0"}
	for _, s := range p.Sections {
		ss := shellSection{Name: s.Name}
		for _, f := range s.Fields {
			ss.Fields = append(ss.Fields, shellField{Label: f.Label, Lines: append([]string{}, f.Lines...)})
		}
		d.Sections = append(d.Sections, ss)
	}
	// json.Marshal escapes <, > and &: the blob cannot end the script.
	blob, err := json.Marshal(d)
	if err != nil {
		blob = []byte("{}")
	}
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s - Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" href="app/scheda-app.css">
<script defer src="app/scheda-app.js"></script>
</head>
<body>
<div id="scheda-app" data-processo="%d"><p class="loading">Caricamento della scheda in corso&hellip;</p></div>
<noscript><p>Per consultare la scheda del processo abilita JavaScript nel browser.</p></noscript>
<script type="application/json" id="scheda-data">%s</script>
</body>
</html>
`, esc(p.Title), baseHref, p.ID, blob)
}
