package pagegen

import (
	"fmt"
	"strings"
)

// trasparenzaNotes are the footnotes of the transparency table, and
// trasparenzaCalls the fields whose label calls one.
var (
	trasparenzaNotes = []string{
		"Importi in euro, comprensivi di IVA ove dovuta.",
		"Art. 27, comma 1, lett. a) del d.lgs. 33/2013: nome dell'impresa o dell'ente e relativi dati fiscali o nome di altro soggetto beneficiario.",
		"Art. 27, comma 1, lett. d) del d.lgs. 33/2013: ufficio e funzionario o dirigente responsabile del relativo procedimento amministrativo.",
		"Art. 27, comma 1, lett. c) del d.lgs. 33/2013: norma o titolo a base dell'attribuzione (bando della legge regionale sulla partecipazione).",
		"Fonti consultate dalla redazione dell'Osservatorio per la compilazione della scheda.",
	}
	trasparenzaCalls = map[string]int{
		"Importo finanziato dal Bando": 1, "Costo complessivo del processo": 1, "Soggetto beneficiario dei contributi": 2,
		"Titolari della decisione": 2, "Struttura responsabile del processo": 3, "Anno Finanziamento": 4,
		"Dettagli o note sulle fonti utilizzate": 5,
	}
)

// trasparenzaMenu is the tree of the "Amministrazione trasparente"
// section (d.lgs. 33/2013, annex 1), first level.
var trasparenzaMenu = []string{"Disposizioni generali", "Organizzazione", "Consulenti e collaboratori", "Personale",
	"Bandi di concorso", "Performance", "Enti controllati", "Attività e procedimenti", "Provvedimenti",
	"Bandi di gara e contratti", "Sovvenzioni, contributi, sussidi, vantaggi economici", "Bilanci",
	"Beni immobili e gestione patrimonio", "Controlli e rilievi sull'amministrazione", "Servizi erogati",
	"Pagamenti dell'amministrazione", "Opere pubbliche", "Pianificazione e governo del territorio",
	"Informazioni ambientali", "Interventi straordinari e di emergenza", "Altri contenuti"}

// renderTrasparenza4 writes the record as a public body's transparency
// section publishes it among the grants ("Atti di concessione"): an
// XHTML 1.0 page in ISO-8859-1 declared only in a <meta>, the section
// tree before the content, and one accessible table whose row headers
// are the labels, some calling footnotes, with a header row per section;
// acronyms in the values are marked up with <abbr>. The footnotes and the
// page's update date follow the table.
func renderTrasparenza4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="it" lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />
<title>%s - Atti di concessione - Amministrazione trasparente</title>
<meta name="description" content="Amministrazione trasparente - Sovvenzioni, contributi, sussidi, vantaggi economici - Atti di concessione" />
<link rel="stylesheet" type="text/css" href="/trasparenza/css/stile.css" media="screen" />
<link rel="stylesheet" type="text/css" href="/trasparenza/css/stampa.css" media="print" />
<script type="text/javascript" src="/trasparenza/js/menu.js"></script>
</head>
<body>
<div id="accessibilita"><a href="#contenuto" class="salta">Vai al contenuto</a> | <a href="#menu-trasparenza" class="salta">Vai al menu di sezione</a></div>
<div id="testata">
<a href="/" title="Torna alla home page"><img src="/trasparenza/img/logo-assemblea.png" alt="Assemblea legislativa dell'Emilia-Romagna" width="260" height="70" /></a>
<span class="sottotitolo">Amministrazione trasparente</span>
</div>
<div id="briciole">Ti trovi in: <a href="/">Home</a> &gt; <a href="/trasparenza/">Amministrazione trasparente</a> &gt; <a href="/trasparenza/sovvenzioni/">Sovvenzioni, contributi, sussidi, vantaggi economici</a> &gt; <a href="/trasparenza/sovvenzioni/atti/">Atti di concessione</a> &gt; <strong>%s</strong></div>
<div id="colonna-sinistra">
<ul id="menu-trasparenza">
`, esc(p.Title), esc(p.Title))
	for _, m := range trasparenzaMenu {
		slug := strings.Join(h3Words(m), "-")
		if strings.HasPrefix(m, "Sovvenzioni") {
			fmt.Fprintf(b, "<li class=\"aperto\"><a href=\"/trasparenza/%s/\">%s</a>\n<ul>\n<li><a href=\"/trasparenza/%s/criteri/\">Criteri e modalità</a></li>\n<li class=\"corrente\"><a href=\"/trasparenza/%s/atti/\">Atti di concessione</a></li>\n</ul>\n</li>\n", slug, esc(m), slug, slug)
			continue
		}
		fmt.Fprintf(b, "<li><a href=\"/trasparenza/%s/\">%s</a></li>\n", slug, esc(m))
	}
	fmt.Fprintf(b, `</ul>
</div>
<div id="contenuto">
<h1>%s</h1>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"ente\">%s</p>\n", esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<ul class=\"esiti\">\n")
		for _, name := range n {
			fmt.Fprintf(b, "<li>%s</li>\n", esc(name))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString(`<table class="tabella-trasparenza" summary="Dati del processo partecipativo: nella prima colonna il nome del dato, nella seconda il suo valore">
<caption>Dati del processo partecipativo</caption>
<tbody>
`)
	calls := map[int]int{}
	row := 0
	for i, s := range p.Sections {
		sec := fmt.Sprintf("sez-%d", i+1)
		fmt.Fprintf(b, "<tr class=\"sezione\"><th colspan=\"2\" scope=\"colgroup\" id=\"%s\">%s</th></tr>\n", sec, esc(s.Name))
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			row++
			call := ""
			if n := trasparenzaCalls[f.Label]; n > 0 {
				calls[n]++
				call = fmt.Sprintf(` <sup><a href="#nota-%d" id="rif-%d-%d" title="Vai alla nota %d">(%d)</a></sup>`, n, n, calls[n], n, n)
			}
			fmt.Fprintf(b, "<tr><th scope=\"row\" headers=\"%s\" id=\"dato-%d\">%s%s</th><td headers=\"%s dato-%d\">%s</td></tr>\n", sec, row, esc(f.Label), call, sec, row, trasparenzaValue(f))
		}
	}
	b.WriteString("</tbody>\n</table>\n<div class=\"note\">\n<h2>Note</h2>\n")
	for i, n := range trasparenzaNotes {
		fmt.Fprintf(b, "<p id=\"nota-%d\">(%d) %s</p>\n", i+1, i+1, esc(n))
	}
	b.WriteString(`</div>
<p class="aggiornamento">Pagina aggiornata il 12/03/2024</p>
<p class="torna-su"><a href="#testata">Torna su</a></p>
</div>
<div id="piede">
<p>Assemblea legislativa dell'Emilia-Romagna - Viale Aldo Moro, 50 - 40127 Bologna - C.F. 80062590379</p>
<p><a href="/note-legali/">Note legali</a> | <a href="/privacy/">Privacy</a> | <a href="/accessibilita/">Dichiarazione di accessibilità</a></p>
</div>
</body>
</html>
`)
}

// trasparenzaValue renders a value cell: list items and lines on
// <br />-separated lines, acronyms in <abbr>, images as links to
// themselves (maps under the word "Mappa"), a non-breaking space when
// empty.
func trasparenzaValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "map":
			out = append(out, mapLine)
		case "img":
			u := esc(absURL(pt.text))
			out = append(out, fmt.Sprintf(`<a href="%s" title="Immagine (si apre in una nuova finestra)"><img src="%s" alt="%s" width="200" /></a>`, u, u, esc("Immagine: "+f.Label)))
		default:
			text := pt.text
			if strings.HasPrefix(text, "http://") || strings.HasPrefix(text, "https://") {
				out = append(out, textHTML("url", text))
				continue
			}
			out = append(out, h4AbbrLinks(text))
		}
	}
	if len(out) == 0 {
		return "&nbsp;"
	}
	return strings.Join(out, "<br />")
}

// h4AbbrLinks is h4Abbr with the addresses in the text made links.
func h4AbbrLinks(text string) string {
	var b strings.Builder
	for _, word := range strings.SplitAfter(text, " ") {
		core := strings.TrimRight(word, " .,;:)")
		if (strings.HasPrefix(core, "http://") || strings.HasPrefix(core, "https://")) && len(core) > len("https://") {
			b.WriteString(`<a href="` + esc(core) + `">` + esc(core) + `</a>` + esc(word[len(core):]))
			continue
		}
		b.WriteString(h4Abbr(word))
	}
	return b.String()
}
