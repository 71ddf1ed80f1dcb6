package parsers

import (
	"regexp"
	"slices"
	"strings"
)

// The record's title: among the page's first <h1>, its document <title>
// and its header text, the one that names the record.

// titleSeps separate a document title's parts.
var titleSeps = []string{" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " > ", " › ", ": "}

// recordNumber matches a title that only numbers a record: "Scheda #141",
// "scheda processo n. 141", "#141".
var recordNumber = regexp.MustCompile(`^(?:(?:scheda|processo|record|pratica|issue|ticket)(?: processo)?\s*(?:n\.?|nr\.?|numero|#)?\s*)?#?\d+$`)

// chooseTitle picks the record's title among the page's first <h1>, its
// document <title> (less the site's name) and the first text of its header.
// An <h1> that is a section or a field label, the site's name, or generic
// (the list the page belongs to, what a back office does with it) is not
// the title, and the document title may hold it beside the record's
// ("Schede processi - Title"); when the <h1> and the document title
// disagree, the document title names the record unless it is generic
// ("Scheda processo").
//
// shown, when not nil, tells whether the page shows a text.
func chooseTitle(h1, docTitle, header string, shown func(string) bool) string {
	t := siteTitle(docTitle)
	if h1 != "" && hasTitleSep(h1) {
		// "Dettaglio Scheda Processo: Title", the kind of page before the
		// record's name in the heading, as in a document title.
		h1 = stripGenericParts(splitTitle(h1))
	}
	if h1 != "" && t != "" && t != h1 {
		if rest, ok := afterPart(t, h1); ok && !genericTitle(rest) && genericTitle(h1) {
			return rest
		}
	}
	if h1 != "" && (dict.lookup(h1).found() || genericTitle(h1)) {
		h1 = ""
	}
	if h1 != "" && t != "" && t != h1 && !strings.Contains(t, h1) && !strings.Contains(h1, t) && !genericTitle(t) {
		return t
	}
	switch {
	case h1 != "":
		return h1
	case header != "" && t != "" && numberedDocTitle(docTitle) && !genericTitle(header) && (shown == nil || !shown(t)):
		// "Scheda 141 - Fogli Google": a document named by the record's
		// number, then a name the page does not show, the application
		// showing it; the title is on the page. ("Scheda n. 141 - Title"
		// with the title shown on the page names the record.)
		return header
	case t != "" && !genericTitle(t):
		return t
	case header != "":
		return header
	}
	return t
}

// numberedDocTitle reports whether a document title is two parts, the
// first only numbering the record ("Scheda 141 - Fogli Google"): a
// document's name and the application's, as editors and viewers title
// their windows, the record named by its number alone.
func numberedDocTitle(docTitle string) bool {
	if strings.IndexAny(docTitle, "0123456789") < 0 {
		return false
	}
	parts := splitTitle(collapseSpace(docTitle))
	return len(parts) == 2 && recordNumber.MatchString(strings.Trim(foldText(parts[0].text), " .:-")) &&
		!genericTitle(parts[1].text)
}

// itemID matches an identifier a knowledge base or tracker writes after a
// title in its heading: "(Q2141)", "[#141]".
var itemID = regexp.MustCompile(`\s+[(\[](?:#|[A-Za-z]{1,3}-?)[0-9]+[)\]]$`)

// withoutItemID takes the identifier off the end of an <h1> ("Title
// (Q2141)") when the document title shows the title without it; the h1
// as it is otherwise.
func withoutItemID(h1, docTitle string) string {
	if !strings.HasSuffix(h1, ")") && !strings.HasSuffix(h1, "]") {
		return h1
	}
	loc := itemID.FindStringIndex(h1)
	if loc == nil {
		return h1
	}
	t, doc := strings.TrimSpace(h1[:loc[0]]), collapseSpace(docTitle)
	if t == "" || strings.Contains(doc, h1) {
		return h1
	}
	for _, sep := range titleSeps {
		if strings.HasPrefix(doc, t+sep) || strings.HasSuffix(doc, sep+t) {
			return t
		}
	}
	return h1
}

// afterPart returns the rest of a document title that begins or ends with
// part and a separator: "Schede processi - Title" and "Schede processi"
// give "Title".
func afterPart(t, part string) (string, bool) {
	for _, sep := range titleSeps {
		if rest, ok := strings.CutPrefix(t, part+sep); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
		if rest, ok := strings.CutSuffix(t, sep+part); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// genericTitle reports whether a document title names the kind of page or
// the site rather than the record ("Dettagli", "Stampa scheda", a receipt
// or a summary of what a form sent: "Ricevuta", "Riepilogo").
func genericTitle(t string) bool {
	f := strings.Trim(foldText(t), " .:-")
	if siteScore(t) == 2 && len(f) < 40 {
		return true
	}
	switch f {
	case "", "scheda", "scheda processo", "scheda del processo", "dettaglio", "dettaglio processo",
		"processo", "processi", "scheda progetto", "progetto", "schede processi", "elenco processi",
		"aggiornata", "aggiornato", "aggiornamento", "nuova scheda", "updated", "new",
		"dettagli", "details", "detail", "stampa", "stampa scheda", "print",
		"ricevuta", "receipt", "riepilogo", "summary", "anteprima", "preview":
		return true
	}
	if recordNumber.MatchString(f) {
		return true
	}
	// "Foglio 1: Scheda 141", "Scheda n. 141": a sheet or a record number;
	// "Visualizza processo", "Modifica processo", "Stampa scheda": what a
	// back office does.
	for _, p := range []string{"foglio", "scheda n", "visualizza ", "modifica ", "dettaglio ", "dettagli ", "stampa ", "view ", "change "} {
		if strings.HasPrefix(f, p) && len(f) < 40 {
			return true
		}
	}
	// "Scheda 141", "Schede processo": a record, or the list of them.
	return strings.HasPrefix(f, "scheda ") && len(f) < 16 || strings.HasPrefix(f, "schede ") && len(f) < 20
}

// withoutAppName takes off the end of a title from the document title
// the name of the application showing the page ("Title | ServiceNow"):
// a short last part, when the page does not show the title whole but
// shows what comes before that part as a block of its own (the record's
// name in a field, a heading). shows tells whether the page shows a text
// in a block, showsBlock whether a block is that text.
func withoutAppName(title string, shows, showsBlock func(string) bool) string {
	if !hasTitleSep(title) {
		return title
	}
	parts := splitTitle(title)
	if len(parts) < 2 {
		return title
	}
	last := parts[len(parts)-1].text
	if len(last) > 40 || len(strings.Fields(last)) > 3 {
		return title
	}
	rest := joinTitle(parts[:len(parts)-1])
	if rest == "" || genericTitle(rest) || !showsBlock(rest) || shows(title) {
		return title
	}
	return rest
}

// titledByDocument reports whether title is the document title less the
// site's name or the kind of page, shown as a heading of the page other
// than its <h1> ("Title · Osservatorio Partecipazione" over an <h2>
// "Title"): the document and the page agree on the record's name, and a
// smaller heading below (a caption over the badges) does not name it.
func titledByDocument(title, docTitle, h1 string, headings []string) bool {
	if title == "" || title == h1 {
		return false
	}
	d := collapseSpace(docTitle)
	return d != title && siteTitle(d) == title && slices.Contains(headings, title)
}

// siteTitle takes the site's name, and what names the page rather than the
// record, off a document title: "La fabbrica delle idee | Osservatorio
// Partecipazione", "Scheda #141: Title - Osservatorio Partecipazione -
// Redmine", "Osservatorio Partecipazione - Title" all give the title.
func siteTitle(t string) string {
	t = collapseSpace(t)
	parts := splitTitle(t)
	if len(parts) < 2 {
		return t
	}
	// The observatory's name: the record's title is before it (what
	// follows is the platform), or after it when it comes first.
	for k, p := range parts {
		if siteScore(p.text) == 2 {
			if k > 0 {
				return stripGenericParts(parts[:k])
			}
			return stripGenericParts(parts[1:])
		}
	}
	// "Partecipazione" alone names the site only at the end, when what is
	// left is a title ("Un Clima di partecipazione" is one).
	if last := len(parts) - 1; siteScore(parts[last].text) == 1 && !genericTitle(joinTitle(parts[:last])) {
		return stripGenericParts(parts[:last])
	}
	return stripGenericParts(parts)
}

// headingPart returns the run of parts at the start of a document title
// that the page also shows as a heading: of "Title: Schede processi -
// Airtable", the "Title" an <h2> shows.
func headingPart(docTitle string, headings []string) (string, bool) {
	parts := splitTitle(collapseSpace(docTitle))
	if len(parts) < 2 || len(headings) == 0 {
		return "", false
	}
	for i := len(parts) - 1; i >= 1; i-- {
		run := joinTitle(parts[:i])
		for _, h := range headings {
			if h == run && !genericTitle(h) {
				return run, true
			}
		}
	}
	return "", false
}

// hasTitleSep reports whether a title has a separator between parts.
func hasTitleSep(t string) bool {
	for _, s := range titleSeps {
		if strings.Index(t, s) > 0 {
			return true
		}
	}
	return false
}

// titlePart is a part of a document title and the separator before it.
type titlePart struct{ sep, text string }

// splitTitle cuts a document title at its separators.
func splitTitle(t string) []titlePart {
	var parts []titlePart
	sep := ""
	for {
		at, with := -1, ""
		for _, s := range titleSeps {
			if i := strings.Index(t, s); i > 0 && (at < 0 || i < at) {
				at, with = i, s
			}
		}
		if at < 0 {
			return append(parts, titlePart{sep, t})
		}
		parts = append(parts, titlePart{sep, t[:at]})
		sep, t = with, t[at+len(with):]
	}
}

func joinTitle(parts []titlePart) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(p.sep)
		}
		b.WriteString(p.text)
	}
	return strings.TrimSpace(b.String())
}

// stripGenericParts drops the parts at either end that name the page, not
// the record ("Scheda #141", "Scheda processo n. 141").
func stripGenericParts(parts []titlePart) string {
	for len(parts) > 1 && genericTitle(parts[0].text) {
		parts = parts[1:]
	}
	// "Title: Schede processi - Airtable": the list the record belongs to,
	// and what follows it (the application), name the page's place.
	for k := 1; k < len(parts); k++ {
		if genericTitle(parts[k].text) {
			parts = parts[:k]
			break
		}
	}
	for len(parts) > 1 && genericTitle(parts[len(parts)-1].text) {
		parts = parts[:len(parts)-1]
	}
	return joinTitle(parts)
}

// siteScore says how surely a part of a document title is the site's name:
// 2 when it names the observatory, 1 when it only speaks of participation.
func siteScore(s string) int {
	f := foldText(s)
	switch {
	case len(f) > 80:
		return 0
	case strings.Contains(f, "osservatorio"):
		return 2
	case strings.Contains(f, "partecipazione"):
		return 1
	}
	return 0
}
