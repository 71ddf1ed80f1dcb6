package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// formIDs are the ASP.NET control names of the fields, after the
// txt/ddl/chk/lbl prefix.
var formIDs = map[string]string{
	"Stato di avanzamento": "Stato", "Link": "Link", "Logo": "Logo", "Natura Processo": "Natura",
	"Anno della certificazione": "AnnoCertificazione", "Anno Finanziamento": "AnnoFinanziamento",
	"Importo finanziato dal Bando": "ImportoBando", "Cofinanziamento altri soggetti": "Cofinanziamento",
	"Cofinanziamento": "Cofinanziamento", "Percentuale Cofinanziamento": "PercCofinanziamento",
	"Costo complessivo del processo": "CostoComplessivo", "Anno di avvio": "AnnoAvvio",
	"Anno di chiusura": "AnnoChiusura", "Data inizio del processo": "DataInizio", "Data inizio": "DataInizio",
	"Data fine del processo": "DataFine", "Data fine": "DataFine", "Durata (mesi)": "Durata",
	"Richiesta e concessione della proroga": "Proroga", "Comitato di Garanzia locale": "Comitato",
	"Comitato di Garanzia locale - Funzioni assegnate":       "ComitatoFunzioni",
	"Comitato di Garanzia locale - Altre Funzioni Assegnate": "ComitatoAltreFunzioni",
	"Struttura responsabile del processo":                    "Struttura", "Indirizzo": "Indirizzo",
	"Tavolo di Negoziazione": "Tavolo", "Titolari della decisione": "Titolari",
	"Soggetto beneficiario dei contributi": "Beneficiario", "Soggetti esterni": "SoggettiEsterni",
	"Partecipanti": "Partecipanti", "Territorio Interessato": "Territorio", "Mappa di Impatto": "Mappa",
	"Mappa": "Mappa", "Ambito di intervento": "Ambito", "Tematica specifica": "Tematica",
	"Tipo di partecipazione": "TipoPartecipazione", "Codecisione": "Codecisione",
	"Numero persone partecipanti (stimate o effettive)":                                     "NumPartecipanti",
	"Numero persone partecipanti":                                                           "NumPartecipanti",
	"Tra i soggetti partecipanti si registra la presenza femminile":                         "PresenzaFemminile",
	"Riscontro della prevalenza di genere fra i partecipanti":                               "PrevalenzaGenere",
	"Conciliazione con tempi di vita e lavoro dei partecipanti nella gestione del processo": "Conciliazione",
	"Design del processo partecipativo":                                                     "Design",
	"Fasi del percorso":                                                                     "Fasi",
	"Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali":                "StrumentiDigitali",
	"Figure Professionali":                                                                  "FigureProfessionali", "Tecniche di Partecipazione": "Tecniche",
	"Obiettivi": "Obiettivi", "Risultati Attesi": "RisultatiAttesi",
	"Documenti di proposta partecipata approvati al termine del processo": "DocPP",
	"Risultati conseguiti": "RisultatiConseguiti", "Indice di partecipazione": "Indice",
	"Livello di partecipazione": "Livello", "Processo segnalato da": "SegnalatoDa",
	"Dettagli o note sulle fonti utilizzate": "NoteFonti",
}

// Fields the form marks as required, and fields with a help link.
var (
	formRequired = set("Stato di avanzamento", "Natura Processo", "Titolari della decisione",
		"Territorio Interessato", "Tipo di partecipazione", "Processo segnalato da")
	formHelp = set("Durata (mesi)", "Percentuale Cofinanziamento", "Indice di partecipazione",
		"Livello di partecipazione", "Comitato di Garanzia locale - Funzioni assegnate",
		"Numero persone partecipanti (stimate o effettive)")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// tristateOptions are the choices of a yes/no field whose answer is
// missing or a placeholder.
var tristateOptions = []string{"", "Si", "No",
	"Non indicato o dato non disponibile nelle fonti consultate",
	"Non prevista come premialità nel bando di riferimento"}

// renderForm writes the "form" layout: the page as an ASP.NET WebForms
// back end renders a read-only record form, in UTF-8. Each section is a
// fieldset with a legend; labels are <label for> their controls, with
// required stars in <abbr> and help links; values sit in read-only or
// disabled controls with ASP.NET ids: text boxes, multi-line text boxes
// for long texts, drop-down lists for enumerations and for yes/no answers
// that are missing, check boxes for yes/no answers. Images are linked
// images under a plain caption.
func renderForm(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">

<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>
	Scheda processo: %s - Osservatorio Partecipazione
</title><base href="%s" /><link href="App_Themes/Osservatorio/scheda.css" type="text/css" rel="stylesheet" /></head>
<body>
    <form method="post" action="scheda-processo.aspx?id=%d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%s" />
</div>

<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
if (!theForm) {
    theForm = document.form1;
}
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }
}
//]]>
</script>

<div class="aspNetHidden">
	<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="9D5C6E1B" />
	<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="%s" />
</div>
    <div id="header">
`, esc(p.Title), baseHref, p.ID, viewState(p.ID, 180), viewState(p.ID+7, 96))
	if p.Region != "" {
		fmt.Fprintf(b, "        <span id=\"ctl00_lblRegione\" class=\"regione\">%s</span>\n", esc(p.Region))
	}
	b.WriteString(`        <a id="ctl00_hlHome" class="sito" href="Default.aspx">Osservatorio Partecipazione</a>
    </div>
    <div id="menu">
        <a href="processi.aspx">Processi</a> | <a href="partecipanti.aspx">Partecipanti</a> | <a href="mappa.aspx">Mappa</a> | <a href="link.aspx">Link</a> | <a href="contatti.aspx">Contatti</a>
    </div>
    <div id="ctl00_MainContent_pnlScheda" class="scheda">
`)
	fmt.Fprintf(b, "        <h1><span id=\"ctl00_MainContent_lblTitolo\">%s</span></h1>\n", esc(p.Title))
	fmt.Fprintf(b, "        <div class=\"integra\">%s <a id=\"ctl00_MainContent_hlIntegra\" href=\"integra.aspx?id=%d\">%s</a></div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	if p.Certified {
		fmt.Fprintf(b, "        <span id=\"ctl00_MainContent_lblCertificato\" class=\"badge\">%s</span>\n", badgeCertTxt)
	}
	if p.Financed {
		fmt.Fprintf(b, "        <span id=\"ctl00_MainContent_lblFinanziato\" class=\"badge\">%s</span>\n", badgeFinTxt)
	}
	used := map[string]int{}
	for _, s := range p.Sections {
		fmt.Fprintf(b, "        <fieldset id=\"ctl00_MainContent_fs%s\" class=\"sezione\">\n            <legend>%s</legend>\n", pascal(s.Name), esc(s.Name))
		for _, f := range s.Fields {
			name := formIDs[f.Label]
			if name == "" {
				name = pascal(f.Label)
			}
			if used[name]++; used[name] > 1 {
				name = fmt.Sprintf("%s%d", name, used[name])
			}
			b.WriteString("            <div class=\"riga\">\n")
			formField(b, f, name)
			b.WriteString("            </div>\n")
		}
		b.WriteString("        </fieldset>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "        <p class=\"ultima-modifica\"><span id=\"ctl00_MainContent_lblUltimaModifica\">%s %s</span></p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`    </div>
    <div id="footer">
        <a href="crediti.aspx">Crediti</a> | <a href="privacy.aspx">Privacy</a> | Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna
    </div>
    </form>
</body>
</html>
`)
}

// formField writes one field of the "form" layout.
func formField(b *strings.Builder, f Field, name string) {
	const pre = "                "
	id := func(prefix string) string { return "ctl00_MainContent_" + prefix + name }
	nameAttr := func(prefix string) string { return "ctl00$MainContent$" + prefix + name }
	labelText := esc(f.Label)
	if formRequired[f.Label] {
		labelText += ` <abbr class="obbligatorio" title="campo obbligatorio">*</abbr>`
	}
	help := ""
	if formHelp[f.Label] {
		help = fmt.Sprintf(` <a id="%s" class="aiuto" title="%s" href="javascript:__doPostBack('%s','')">?</a>`, id("hlAiuto"), esc(helpFor(f.Label)), nameAttr("hlAiuto"))
	}
	line := strings.Join(f.Lines, "\n")

	if f.MapImage == "" && (f.Type == "url" && (len(f.Lines) == 0 || isImagePath(line))) {
		// An image: a caption and a linked image, no control.
		fmt.Fprintf(b, "%s<span id=\"%s\" class=\"etichetta\">%s</span>%s\n", pre, id("lbl"), labelText, help)
		if len(f.Lines) == 0 {
			fmt.Fprintf(b, "%s<a id=\"%s\"></a>\n", pre, id("hl"))
			return
		}
		fmt.Fprintf(b, "%s<a id=\"%s\" href=\"%s\"><img id=\"%s\" src=\"%s\" alt=\"\" style=\"border-width:0px;\" /></a>\n",
			pre, id("hl"), esc(line), id("img"), esc(line))
		return
	}

	kind, prefix := "text", "txt"
	switch {
	case f.Type == "bool" && (line == "Si" || line == "Sì" || line == "No"):
		kind, prefix = "checkbox", "chk"
	case f.Type == "bool" || f.Type == "enum":
		kind, prefix = "select", "ddl"
	case utf8.RuneCountInString(line) > 80 || len(f.Lines) > 1:
		kind = "textarea"
	}
	fmt.Fprintf(b, "%s<label for=\"%s\" id=\"%s\" class=\"etichetta\">%s</label>%s\n", pre, id(prefix), id("lbl"), labelText, help)
	if f.MapImage != "" {
		fmt.Fprintf(b, "%s<span class=\"mappa\">%s <a id=\"%s\" href=\"%s\"><img id=\"%s\" src=\"%s\" alt=\"\" style=\"border-width:0px;\" /></a></span>\n",
			pre, mapLine, id("hlMappa"), esc(f.MapImage), id("imgMappa"), esc(f.MapImage))
	}
	switch kind {
	case "checkbox":
		checked := ""
		if line != "No" {
			checked = ` checked="checked"`
		}
		fmt.Fprintf(b, "%s<span class=\"aspNetDisabled\"><input id=\"%s\" type=\"checkbox\" name=\"%s\"%s disabled=\"disabled\" /></span>\n", pre, id(prefix), nameAttr(prefix), checked)
	case "select":
		opts := selectOptions[f.Label]
		if f.Type == "bool" {
			opts = tristateOptions
		}
		fmt.Fprintf(b, "%s<select name=\"%s\" id=\"%s\" disabled=\"disabled\" class=\"aspNetDisabled campo\">\n", pre, nameAttr(prefix), id(prefix))
		if f.Type != "bool" {
			if line == "" {
				fmt.Fprintf(b, "%s\t<option selected=\"selected\" value=\"\"></option>\n", pre)
			} else {
				fmt.Fprintf(b, "%s\t<option value=\"\">-- Seleziona --</option>\n", pre)
			}
		}
		found := line == "" && f.Type != "bool"
		for i, o := range opts {
			sel := ""
			if o == line && !found {
				sel, found = ` selected="selected"`, true
			}
			fmt.Fprintf(b, "%s\t<option%s value=\"%d\">%s</option>\n", pre, sel, i, esc(o))
		}
		if !found {
			fmt.Fprintf(b, "%s\t<option selected=\"selected\" value=\"%d\">%s</option>\n", pre, len(opts), esc(line))
		}
		fmt.Fprintf(b, "%s</select>\n", pre)
	case "textarea":
		fmt.Fprintf(b, "%s<textarea name=\"%s\" rows=\"6\" cols=\"80\" readonly=\"readonly\" id=\"%s\" class=\"campo\">\r\n%s</textarea>\n", pre, nameAttr(prefix), id(prefix), esc(line))
	default:
		fmt.Fprintf(b, "%s<input name=\"%s\" type=\"text\" value=\"%s\" readonly=\"readonly\" id=\"%s\" class=\"campo\" />\n", pre, nameAttr(prefix), esc(line), id(prefix))
	}
}

// pascal writes the words of s as one PascalCase name for ids.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range idWords(s) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// viewState returns a stand-in for an ASP.NET view state: base64 text of
// n characters, the same for the same seed.
func viewState(seed, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var b strings.Builder
	b.WriteString("/wEPDwUK")
	x := uint32(seed)*2654435761 + 1
	for b.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteByte(alphabet[x%64])
	}
	return b.String() + "="
}
