package archive

import (
	"strings"
	"unicode/utf8"
)

// summaryExprs are the SQL expressions of a record's browse summary made
// from its document doc (JSON text): title, status, nature, year,
// territory, certified, financed and search, in that order.
func summaryExprs(doc string) string {
	return `COALESCE(json_extract(` + doc + `, '$.title'), ''),
		COALESCE(json_extract(` + doc + `, '$.status'), ''),
		COALESCE(json_extract(` + doc + `, '$.nature'), ''),
		COALESCE(json_extract(` + doc + `, '$.start_year'), CAST(substr(json_extract(` + doc + `, '$.start_date'), 1, 4) AS INTEGER),
			json_extract(` + doc + `, '$.certification_year'), json_extract(` + doc + `, '$.funding_year'), json_extract(` + doc + `, '$.end_year')),
		COALESCE((SELECT group_concat(value, ' / ') FROM json_each(` + doc + `, '$.territory')), ''),
		COALESCE(json_extract(` + doc + `, '$.certified'), 0),
		COALESCE(json_extract(` + doc + `, '$.financed'), 0),
		` + summarySearch(doc)
}

// SummaryRow is a record version's browse summary (record_summaries): what
// the record list shows, sorts, filters and searches.
type SummaryRow struct {
	Title, Status, Nature string
	Year                  *int64 // nil when the document has none
	Territory             string
	Certified, Financed   bool
	Search                string // lower case (ASCII letters only, as SQLite's lower())
}

// SummaryFields are the fields of a record's document a summary is made
// of, with the document's JSON names.
type SummaryFields struct {
	Title             *string  `json:"title"`
	Status            *string  `json:"status"`
	Nature            *string  `json:"nature"`
	StartYear         *int     `json:"start_year"`
	StartDate         *string  `json:"start_date"`
	CertificationYear *int     `json:"certification_year"`
	FundingYear       *int     `json:"funding_year"`
	EndYear           *int     `json:"end_year"`
	Territory         []string `json:"territory"`
	Certified         bool     `json:"certified"`
	Financed          bool     `json:"financed"`
	DecisionMakers    []string `json:"decision_makers"`
	ExternalParties   []string `json:"external_parties"`
	ResponsibleUnit   *string  `json:"responsible_unit"`
	Address           *string  `json:"address"`
	Region            *string  `json:"region"`
}

// Summarize makes the summary summaryExprs makes in SQL from a document
// with these fields, without reading the document again: a caller that
// has the record's fields at hand gives it with the record
// (ParsedRecord.Summary).
func Summarize(f SummaryFields) *SummaryRow {
	s := &SummaryRow{Title: deref(f.Title), Status: deref(f.Status), Nature: deref(f.Nature),
		Territory: joinText(f.Territory, " / "), Certified: f.Certified, Financed: f.Financed}
	// The first year known, in summaryExprs' order.
	var year *int
	switch {
	case f.StartYear != nil:
		year = f.StartYear
	case f.StartDate != nil:
		y := castInteger(firstRunes(jsonText(*f.StartDate), 4))
		year = &y
	case f.CertificationYear != nil:
		year = f.CertificationYear
	case f.FundingYear != nil:
		year = f.FundingYear
	default:
		year = f.EndYear
	}
	if year != nil {
		v := int64(*year)
		s.Year = &v
	}
	s.Search = lowerASCII(joinText(f.DecisionMakers, " / ") + " | " + joinText(f.ExternalParties, " / ") + " | " +
		deref(f.ResponsibleUnit) + " | " + deref(f.Address) + " | " + deref(f.Region))
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return jsonText(*s)
}

// firstRunes is SQL's substr(s, 1, n) of a text: its first n characters.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// castInteger is SQLite's CAST(s AS INTEGER) of a short text: leading
// white space skipped, then the longest prefix that reads as an integer
// (a sign and digits), 0 when there is none.
func castInteger(s string) int {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	v := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int(s[i]-'0')
	}
	if neg {
		return -v
	}
	return v
}

// lowerASCII is SQLite's lower() without ICU: ASCII letters only.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// jsonText is s as its document holds it: encoding/json writes each byte
// that is not UTF-8 as U+FFFD.
func jsonText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// joinText joins the texts of a list as group_concat(value, sep) does.
func joinText(list []string, sep string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = jsonText(s)
	}
	return strings.Join(out, sep)
}
