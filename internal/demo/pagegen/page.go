package pagegen

// Page is one scheda processo, as read from a record text.
type Page struct {
	URL    string // the page URL, line 1 of the record text
	ID     int    // from /scheda-processo/{id} in URL
	Region string // "Regione Emilia-Romagna", or "" when the text has no region header
	Title  string // the process name

	Certified bool // the "Certificato" badge is shown
	Financed  bool // the "Finanziato" badge is shown

	Sections []Section

	// LastModified is the date of the inline "Data ultima modifica: ..."
	// line, as written (e.g. "15/02/2020"), or "" when the text has none.
	LastModified string
}

// Section is one section of a page, under its heading.
type Section struct {
	Name   string // one of the section headings, e.g. "Gestione di Processo"
	Fields []Field
}

// Field is one label and its value.
type Field struct {
	Label string   // as written in the text
	Type  string   // the schema type column: text, int, list( / ), list(, ), url, bool, ...
	Lines []string // value lines; none for an empty field
	// MapImage is the image path of a "Mappa" line inside this field's
	// value (e.g. "archive/1068_MappaImpatto.jpg"), or "" if none.
	MapImage string
}

// Region, badge and call-to-action text of a scheda processo.
const (
	regionName    = "Regione Emilia-Romagna"
	badgeCertTxt  = "Certificato"
	badgeFinTxt   = "Finanziato"
	ctaLine       = "Hai gestito, partecipato o hai info su questo processo? Integra le informazioni"
	ctaQuestion   = "Hai gestito, partecipato o hai info su questo processo?"
	ctaAction     = "Integra le informazioni"
	mapLine       = "Mappa"
	lastModLabel  = "Data ultima modifica"
	lastModPrefix = lastModLabel + ":"
)
