package archive

import (
	"strconv"
	"strings"
)

// A record's link (link_refs, migration 25) names its link by the link's
// id (links.id) instead of its URL, and stores its field and its source
// as small codes, each read back as the same text:
//
//	field   the index of a field of the schema in linkFields (an integer)
//	source  the index of "href", "src" or "text" in linkSources
//
// Any other field or source is stored as its text, and read back as
// itself: the columns have no type, so SQLite keeps each value's own (a
// field "3" stays the text '3', never the code 3). The lists never
// change: a code once written means its name for good, and a name added
// to the schema later is stored as its text.

// linkFields are the schema's fields (archivio/parsers/schema) as they
// were when the codes were made, in the order the parser writes them.
var linkFields = [...]string{
	"id", "url", "title", "region", "certified", "financed", "status", "website", "logo", "nature",
	"certification_year", "funding_year", "grant_eur", "cofunding", "cofunding_percent", "total_cost_eur",
	"start_year", "end_year", "start_date", "end_date", "duration_months", "extension_granted",
	"guarantee_committee", "guarantee_committee_functions", "guarantee_committee_other_functions",
	"responsible_unit", "address", "negotiation_table", "decision_makers", "grant_beneficiary",
	"external_parties", "participants", "territory", "impact_map", "scope", "theme", "participation_type",
	"codecision", "participants_count", "women_present", "gender_prevalence", "work_life_balance",
	"process_design", "phases", "digital_tools", "professional_roles", "techniques", "objectives",
	"expected_results", "proposal_documents_approved", "results", "participation_index",
	"participation_index_max", "participation_level", "reported_by", "source_notes", "last_modified",
}

// linkSources are where a link was found on its page (parsers.Link).
var linkSources = [...]string{"href", "src", "text"}

var (
	linkFieldCodes  = codesOf(linkFields[:])
	linkSourceCodes = codesOf(linkSources[:])
)

func codesOf(names []string) map[string]int64 {
	m := make(map[string]int64, len(names))
	for i, n := range names {
		m[n] = int64(i)
	}
	return m
}

// linkFieldValue is a link's field as link_refs.field stores it.
func linkFieldValue(field string) any {
	if c, ok := linkFieldCodes[field]; ok {
		return c
	}
	return field
}

// linkSourceValue is a link's source as link_refs.source stores it.
func linkSourceValue(source string) any {
	if c, ok := linkSourceCodes[source]; ok {
		return c
	}
	return source
}

// codeText is the SQL expression of the text of col, a column holding
// the codes of names or texts.
func codeText(col string, names []string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, n := range names {
		b.WriteString(" WHEN " + strconv.Itoa(i) + " THEN '" + n + "'")
	}
	b.WriteString(" ELSE " + col + " END")
	return b.String()
}

// codeValue is the SQL expression of the code of col, a text column,
// when it names one of names; else the text.
func codeValue(col string, names []string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, n := range names {
		b.WriteString(" WHEN '" + n + "' THEN " + strconv.Itoa(i))
	}
	b.WriteString(" ELSE " + col + " END")
	return b.String()
}

// linkFieldText and linkSourceText are the SQL expressions of the text of
// a link_refs row's field and source, the row being named r.
var (
	linkFieldText  = codeText("r.field", linkFields[:])
	linkSourceText = codeText("r.source", linkSources[:])
)
