package parsers

// Version identifies the record parser's behaviour. It is stored beside every
// parsed value, so a change in output can be traced to a change in the parser.
// Bump it whenever the output for the same input changes.
const Version = "scheda/3"

// Record is one observatory process page ("scheda processo") as typed data.
//
// Field names follow the schema (archivio/parsers/schema). Pointer and slice fields
// are null in JSON when the page does not carry the field, leaves it empty, or
// shows one of the observatory's placeholders ("Non indicato o dato non
// disponibile nelle fonti consultate"); the text as shown is always kept in
// Raw.
type Record struct {
	ID        int     `json:"id"`
	URL       string  `json:"url"`
	Title     *string `json:"title"`
	Region    *string `json:"region"`
	Certified bool    `json:"certified"`
	Financed  bool    `json:"financed"`

	// Processo
	Status            *string  `json:"status"`
	Website           *string  `json:"website"`
	Logo              *string  `json:"logo"`
	Nature            *string  `json:"nature"`
	CertificationYear *int     `json:"certification_year"`
	FundingYear       *int     `json:"funding_year"`
	GrantEUR          *float64 `json:"grant_eur"`
	Cofunding         *bool    `json:"cofunding"`
	CofundingPercent  *float64 `json:"cofunding_percent"`
	TotalCostEUR      *float64 `json:"total_cost_eur"`
	StartYear         *int     `json:"start_year"`
	EndYear           *int     `json:"end_year"`
	StartDate         *string  `json:"start_date"`
	EndDate           *string  `json:"end_date"`
	DurationMonths    *int     `json:"duration_months"`
	ExtensionGranted  *bool    `json:"extension_granted"`

	// Gestione di Processo
	GuaranteeCommittee               *string  `json:"guarantee_committee"`
	GuaranteeCommitteeFunctions      []string `json:"guarantee_committee_functions"`
	GuaranteeCommitteeOtherFunctions *string  `json:"guarantee_committee_other_functions"`
	ResponsibleUnit                  *string  `json:"responsible_unit"`
	Address                          *string  `json:"address"`
	NegotiationTable                 *string  `json:"negotiation_table"`
	DecisionMakers                   []string `json:"decision_makers"`
	GrantBeneficiary                 *string  `json:"grant_beneficiary"`
	ExternalParties                  []string `json:"external_parties"`
	Participants                     []string `json:"participants"`
	Territory                        []string `json:"territory"`

	// Caratteristiche
	ImpactMap         *string  `json:"impact_map"`
	Scope             []string `json:"scope"`
	Theme             []string `json:"theme"`
	ParticipationType *string  `json:"participation_type"`
	Codecision        *bool    `json:"codecision"`
	ParticipantsCount *int     `json:"participants_count"`
	WomenPresent      *bool    `json:"women_present"`
	GenderPrevalence  *string  `json:"gender_prevalence"`
	WorkLifeBalance   *bool    `json:"work_life_balance"`
	ProcessDesign     *string  `json:"process_design"`
	Phases            *string  `json:"phases"`
	DigitalTools      *string  `json:"digital_tools"`
	ProfessionalRoles []string `json:"professional_roles"`
	Techniques        []string `json:"techniques"`

	// Obiettivi e Risultati
	Objectives                *string `json:"objectives"`
	ExpectedResults           *string `json:"expected_results"`
	ProposalDocumentsApproved *bool   `json:"proposal_documents_approved"`
	Results                   *string `json:"results"`
	ParticipationIndex        *int    `json:"participation_index"`
	ParticipationIndexMax     *int    `json:"participation_index_max"`
	ParticipationLevel        *string `json:"participation_level"`

	// Crediti
	ReportedBy   *string `json:"reported_by"`
	SourceNotes  *string `json:"source_notes"`
	LastModified *string `json:"last_modified"`

	// Raw lists every label found on the page, in page order, with its
	// value's text as shown.
	Raw []RawField `json:"raw"`
	// Links lists every URL the record carries, each with the field it came
	// from.
	Links []Link `json:"links"`
	// Warnings are the non-fatal surprises met while parsing.
	Warnings []Warning `json:"warnings"`
}

// RawField is one label found on the page and the text of its value.
type RawField struct {
	Section string `json:"section,omitempty"`
	Label   string `json:"label"`
	// Field is the schema field the label maps to; empty for a label the
	// dictionary does not know.
	Field string `json:"field"`
	// Text is the value as shown, one line per block; images show their
	// source path.
	Text string `json:"text"`
}

// Link is a URL carried by a record.
type Link struct {
	URL   string `json:"url"`
	Field string `json:"field"`
	// Source tells where the URL was found: "href" (a link), "src" (an
	// image) or "text" (written in the field's text).
	Source string `json:"source"`
	// DeclaredGone is true when the record's own text says the target is
	// no longer available.
	DeclaredGone bool `json:"declared_gone"`
}

// Warning is a non-fatal finding: the record is still usable, but something
// on the page was not as the parser expected.
type Warning struct {
	// Code is a stable identifier: unknown_label, bad_value, duplicate_label,
	// extra_value, charset_mismatch, no_title.
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Label   string `json:"label,omitempty"`
	Message string `json:"message"`
}
