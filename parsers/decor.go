package parsers

import (
	"strings"
	"unicode/utf8"
)

// Decorations are the marks pages put next to a label for the reader's
// eye: a help "?", an info "(i)" or "ⓘ", a required-field "*". They are
// never part of a label, never a value, and never start one.

// markerTokens are decorations written as text, compared after folding.
// The bare letter "i" is one only when it stands apart (the info icon of a
// font that lacks "ⓘ").
var markerTokens = map[string]bool{
	"?": true, "(?)": true, "[?]": true, "??": true,
	"i": true, "(i)": true, "[i]": true, "ⓘ": true, "ℹ": true, "ℹ\ufe0f": true, "🛈": true,
	"*": true, "**": true, "(*)": true, "[*]": true, "†": true,
	"❓": true, "❔": true, "？": true, "＊": true,
	"¶": true, "§": true, "#": true, "🔗": true, // permalinks beside a heading
}

// markerSuffixes may be glued to the end of a label ("Durata (mesi)*",
// "Stato di avanzamento:?"). Longest first.
var markerSuffixes = []string{
	"ℹ\ufe0f", "(?)", "[?]", "(i)", "[i]", "(*)", "[*]", "**", "ⓘ", "ℹ", "🛈", "❓", "❔", "？", "＊", "?", "*", "†",
	"¶", "🔗",
}

// isMarker reports whether s, trimmed, is a decoration and nothing else:
// one mark, or a few side by side ("* ⓘ").
func isMarker(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 24 || !maybeDecorated(s) {
		return false
	}
	if lowerIn(markerTokens, s) {
		return true
	}
	fields := strings.Fields(s)
	if len(fields) < 2 {
		return false
	}
	for _, f := range fields {
		if !lowerIn(markerTokens, f) {
			return false
		}
	}
	return true
}

// trimLabelDecor removes decorations, colons and spaces from both ends of a
// label as shown, and returns the label and what it removed (for
// --explain). A leading bare "i" is left alone: it may be the Italian
// article; lookup tries it separately.
func trimLabelDecor(s string) (label, dropped string) {
	if !maybeDecorated(s[:min(len(s), 2)]) && !maybeDecorated(s[max(0, len(s)-4):]) {
		return s, ""
	}
	orig := s
	for {
		before := s
		// A footnote mark after the label: "Anno Finanziamento (4)", "[2]".
		if i := strings.LastIndexAny(s, "(["); i > 0 && isCitation(s[i:]) {
			s = s[:i]
		}
		s = strings.TrimRight(s, " \t\n\u00a0:：.")
		for _, m := range markerSuffixes {
			if strings.HasSuffix(s, m) {
				s = s[:len(s)-len(m)]
				break
			}
		}
		if strings.HasSuffix(s, " i") || strings.HasSuffix(s, "\u00a0i") || strings.HasSuffix(s, ":i") {
			s = s[:len(s)-1]
		}
		s = strings.TrimLeft(s, " \t\n\u00a0")
		for _, m := range markerSuffixes {
			if strings.HasPrefix(s, m) {
				s = s[len(m):]
				break
			}
		}
		if s == before {
			break
		}
	}
	if len(s) == len(orig) {
		return s, ""
	}
	return s, strings.TrimSpace(strings.Replace(orig, s, " ", 1))
}

// maybeDecorated reports whether s could hold a decoration: it has a
// character other than an ASCII letter, digit or space, or the letter i
// standing alone. Most text has none, and is passed over at once.
func maybeDecorated(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 'i' || c == 'I':
			if (i == 0 || s[i-1] == ' ') && (i+1 == len(s) || s[i+1] == ' ') {
				return true
			}
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == ' ':
		default:
			return true
		}
	}
	return false
}

// trimValueDecor removes decorations that start a value ("? Concluso",
// "ⓘ 12"): a marker followed by a space. It returns the value and the
// marker removed.
func trimValueDecor(s string) (value, dropped string) {
	for {
		v, d := trimValueDecorOnce(s)
		if d == "" {
			return v, strings.TrimSpace(dropped)
		}
		s, dropped = v, dropped+" "+d
	}
}

func trimValueDecorOnce(s string) (value, dropped string) {
	if rest, ok := strings.CutPrefix(s, ":"); ok {
		// "<strong>Label</strong>: value": the label's colon.
		return strings.TrimSpace(rest), ":"
	}
	for _, m := range markerSuffixes {
		if rest, ok := strings.CutPrefix(s, m); ok && (rest == "" || startsWithSpace(rest)) {
			return strings.TrimSpace(rest), m
		}
	}
	if rest, ok := strings.CutPrefix(s, "i "); ok && rest != "" && (isMarkerLead(rest) || isMarker(strings.Fields(rest)[0])) {
		return rest, "i"
	}
	return s, ""
}

// isMarkerLead reports whether text after a lone "i" reads as a value
// rather than a sentence: "i" then a capital or a digit ("i Concluso",
// "i 12"). "i cittadini" is Italian, not an icon.
func isMarkerLead(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == '\u00a0' || r == '\t' || r == '\n'
}

// actionWords begin the text of links that act on the page rather than
// show a value: "Modifica", "Aggiungi ambito di intervento", "[modifica]",
// the observatory's own call to action.
var actionWords = []string{
	"modifica", "aggiungi", "elimina", "cancella", "rimuovi", "chiudi", "condividi", "stampa",
	"segnala", "torna", "indietro", "edit", "change", "delete", "add ", "remove", "close",
	"share", "print", "back", "integra le informazioni", "visualizza tutto", "mostra tutto",
	"mostra di piu", "leggi tutto", "leggi la scheda", "vai alla scheda", "apri la scheda", "scheda completa",
	"show more", "read more",
}

// actionInitial holds the first letters of actionWords, to pass over most
// links at once.
var actionInitial = func() (m [256]bool) {
	for _, w := range actionWords {
		m[w[0]] = true
	}
	return m
}()

// isActionText reports whether a link's text is an action.
func isActionText(s string) bool {
	if len(s) > 64 {
		s = s[:64] // the action word comes first
	}
	s = strings.TrimLeft(s, " \t\n[(")
	if s == "" || !actionInitial[s[0]|0x20] {
		return false
	}
	f := strings.Trim(foldText(strings.TrimSpace(s)), "[]()")
	if f == "" {
		return false
	}
	for _, w := range actionWords {
		if f == strings.TrimSpace(w) || strings.HasPrefix(f, w) && (strings.HasSuffix(w, " ") || strings.HasPrefix(f[len(w):], " ")) {
			return true
		}
	}
	return false
}

// isCitation reports whether s is a citation or footnote mark: "[1]",
// "[12]", "[nota 3]", "(4)".
func isCitation(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || len(s) > 12 || !(s[0] == '[' && s[len(s)-1] == ']' || s[0] == '(' && s[len(s)-1] == ')') {
		return false
	}
	inner := strings.TrimPrefix(strings.TrimSpace(s[1:len(s)-1]), "nota ")
	for i := 0; i < len(inner); i++ {
		if inner[i] < '0' || inner[i] > '9' {
			return false
		}
	}
	return inner != ""
}

// noData are texts pages show for a field without a value.
var noData = map[string]bool{
	"nessun dato": true, "nessun valore": true, "dato non disponibile": true, "dati non disponibili": true,
	"non disponibile": true, "n/d": true, "n.d": true, "n.d.": true, "nd": true, "non indicato": true,
	"non specificato": true, "non presente": true, "non previsto": true, "-": true, "--": true, "—": true,
	"–": true, "/": true, "n/a": true, "none": true, "null": true, "nessun elemento": true,
	"nessun risultato": true, "vuoto": true, "nan": true, "[]": true, "{}": true, "~": true,
}

// noValue are the words an application writes in brackets in place of an
// empty value: "(Nessuno)", "[vuoto]", "<none>". Bare, some are values
// ("Nessuno" may answer a question), so only bracketed ones say there is
// none.
var noValue = map[string]bool{
	"nessuno": true, "nessuna": true, "nessun valore": true, "vuoto": true, "vuota": true,
	"none": true, "empty": true, "blank": true, "null": true, "nil": true, "not set": true,
	"non impostato": true, "non impostata": true, "non definito": true, "non definita": true,
}

// isNoData reports whether a value's text says there is no value: one of
// the texts pages show for it, or a word for none in brackets.
func isNoData(s string) bool {
	if len(s) > 24 {
		return false
	}
	f := strings.TrimRight(strings.TrimSpace(foldText(s)), ".")
	if noData[f] {
		return true
	}
	if len(f) < 3 {
		return false
	}
	if i := strings.IndexByte("([<{", f[0]); i < 0 || f[len(f)-1] != ")]>}"[i] {
		return false
	}
	in := strings.TrimSpace(f[1 : len(f)-1])
	return noValue[in] || noData[in]
}

// helpNames are the accessible names of help and info icons: an icon so
// named is a decoration, not a value (unlike the icons that show the items
// of "Ambito di intervento").
var helpNames = map[string]bool{
	"aiuto": true, "help": true, "info": true, "informazioni": true, "informazione": true,
	"guida": true, "suggerimento": true, "tooltip": true, "nota": true, "note": true,
	"obbligatorio": true, "campo obbligatorio": true, "required": true, "maggiori informazioni": true,
	"more info": true, "more information": true, "spiegazione": true, "dettagli": true,
}

// isHelpName reports whether an icon's name or an image's alt text says it
// is a help or info mark.
func isHelpName(name string) bool {
	n := strings.TrimSpace(foldText(name))
	return isMarker(n) || helpNames[n] || strings.HasPrefix(n, "aiuto ") || strings.HasPrefix(n, "help ") || strings.HasPrefix(n, "info ")
}
