package parsers

// kind says how a field's value text is read.
type kind int

const (
	kindText      kind = iota // free text, blocks joined by newlines
	kindEnum                  // controlled vocabulary, kept as written
	kindURL                   // a link: the first href, else a URL in the text
	kindImage                 // an image: the first src, else an href, else a path in the text
	kindInt                   // a count
	kindYear                  // a four-digit year
	kindMoney                 // an Italian-format euro amount
	kindPercent               // a percentage, with or without %
	kindBool                  // Si / Sì / No
	kindDate                  // dd/mm/yyyy -> yyyy-mm-dd
	kindList                  // items, or " / "-separated text
	kindCommaList             // items, or ", "-separated text
	kindIndex                 // "17 / 30": value and maximum
)

// fieldDef is one entry of the label dictionary: the schema field, how its
// value is read, the Italian labels that name it, and where the value goes
// in a Record.
type fieldDef struct {
	name   string
	kind   kind
	labels []string
	// mapLink marks "Mappa": a label that takes only the image after it and
	// leaves the field it interrupts open (the observatory shows the map
	// inside the value of "Territorio Interessato").
	mapLink bool

	str     func(*Record) **string
	integer func(*Record) **int
	number  func(*Record) **float64
	boolean func(*Record) **bool
	list    func(*Record) *[]string
}

// sectionNames are the observatory's section headings. They end a value and
// are never values themselves.
var sectionNames = []string{
	"Processo", "Gestione di Processo", "Caratteristiche", "Obiettivi e Risultati", "Crediti",
}

// fieldDefs is the label dictionary, in the order of
// shared/schema/scheda-fields.tsv. The header fields (id, title, region,
// badges) are read from the page structure, not from labels.
var fieldDefs = []fieldDef{
	{name: "status", kind: kindEnum, labels: []string{"Stato di avanzamento"}, str: func(r *Record) **string { return &r.Status }},
	{name: "website", kind: kindURL, labels: []string{"Link"}, str: func(r *Record) **string { return &r.Website }},
	{name: "logo", kind: kindImage, labels: []string{"Logo"}, str: func(r *Record) **string { return &r.Logo }},
	{name: "nature", kind: kindEnum, labels: []string{"Natura Processo"}, str: func(r *Record) **string { return &r.Nature }},
	{name: "certification_year", kind: kindYear, labels: []string{"Anno della certificazione"}, integer: func(r *Record) **int { return &r.CertificationYear }},
	{name: "funding_year", kind: kindYear, labels: []string{"Anno Finanziamento"}, integer: func(r *Record) **int { return &r.FundingYear }},
	{name: "grant_eur", kind: kindMoney, labels: []string{"Importo finanziato dal Bando"}, number: func(r *Record) **float64 { return &r.GrantEUR }},
	{name: "cofunding", kind: kindBool, labels: []string{"Cofinanziamento altri soggetti", "Cofinanziamento"}, boolean: func(r *Record) **bool { return &r.Cofunding }},
	{name: "cofunding_percent", kind: kindPercent, labels: []string{"Percentuale Cofinanziamento"}, number: func(r *Record) **float64 { return &r.CofundingPercent }},
	{name: "total_cost_eur", kind: kindMoney, labels: []string{"Costo complessivo del processo"}, number: func(r *Record) **float64 { return &r.TotalCostEUR }},
	{name: "start_year", kind: kindYear, labels: []string{"Anno di avvio"}, integer: func(r *Record) **int { return &r.StartYear }},
	{name: "end_year", kind: kindYear, labels: []string{"Anno di chiusura"}, integer: func(r *Record) **int { return &r.EndYear }},
	{name: "start_date", kind: kindDate, labels: []string{"Data inizio del processo", "Data inizio"}, str: func(r *Record) **string { return &r.StartDate }},
	{name: "end_date", kind: kindDate, labels: []string{"Data fine del processo", "Data fine"}, str: func(r *Record) **string { return &r.EndDate }},
	{name: "duration_months", kind: kindInt, labels: []string{"Durata (mesi)"}, integer: func(r *Record) **int { return &r.DurationMonths }},
	{name: "extension_granted", kind: kindBool, labels: []string{"Richiesta e concessione della proroga"}, boolean: func(r *Record) **bool { return &r.ExtensionGranted }},

	{name: "guarantee_committee", kind: kindText, labels: []string{"Comitato di Garanzia locale"}, str: func(r *Record) **string { return &r.GuaranteeCommittee }},
	{name: "guarantee_committee_functions", kind: kindCommaList, labels: []string{"Comitato di Garanzia locale - Funzioni assegnate"}, list: func(r *Record) *[]string { return &r.GuaranteeCommitteeFunctions }},
	{name: "guarantee_committee_other_functions", kind: kindText, labels: []string{"Comitato di Garanzia locale - Altre Funzioni Assegnate"}, str: func(r *Record) **string { return &r.GuaranteeCommitteeOtherFunctions }},
	{name: "responsible_unit", kind: kindText, labels: []string{"Struttura responsabile del processo"}, str: func(r *Record) **string { return &r.ResponsibleUnit }},
	{name: "address", kind: kindText, labels: []string{"Indirizzo"}, str: func(r *Record) **string { return &r.Address }},
	{name: "negotiation_table", kind: kindText, labels: []string{"Tavolo di Negoziazione"}, str: func(r *Record) **string { return &r.NegotiationTable }},
	{name: "decision_makers", kind: kindList, labels: []string{"Titolari della decisione"}, list: func(r *Record) *[]string { return &r.DecisionMakers }},
	{name: "grant_beneficiary", kind: kindText, labels: []string{"Soggetto beneficiario dei contributi"}, str: func(r *Record) **string { return &r.GrantBeneficiary }},
	{name: "external_parties", kind: kindList, labels: []string{"Soggetti esterni"}, list: func(r *Record) *[]string { return &r.ExternalParties }},
	{name: "participants", kind: kindList, labels: []string{"Partecipanti"}, list: func(r *Record) *[]string { return &r.Participants }},
	{name: "territory", kind: kindList, labels: []string{"Territorio Interessato"}, list: func(r *Record) *[]string { return &r.Territory }},

	{name: "impact_map", kind: kindImage, labels: []string{"Mappa di Impatto"}, str: func(r *Record) **string { return &r.ImpactMap }},
	{name: "impact_map", kind: kindImage, labels: []string{"Mappa"}, mapLink: true, str: func(r *Record) **string { return &r.ImpactMap }},
	{name: "scope", kind: kindList, labels: []string{"Ambito di intervento"}, list: func(r *Record) *[]string { return &r.Scope }},
	{name: "theme", kind: kindList, labels: []string{"Tematica specifica"}, list: func(r *Record) *[]string { return &r.Theme }},
	{name: "participation_type", kind: kindEnum, labels: []string{"Tipo di partecipazione"}, str: func(r *Record) **string { return &r.ParticipationType }},
	{name: "codecision", kind: kindBool, labels: []string{"Codecisione"}, boolean: func(r *Record) **bool { return &r.Codecision }},
	{name: "participants_count", kind: kindInt, labels: []string{"Numero persone partecipanti (stimate o effettive)", "Numero persone partecipanti"}, integer: func(r *Record) **int { return &r.ParticipantsCount }},
	{name: "women_present", kind: kindBool, labels: []string{"Tra i soggetti partecipanti si registra la presenza femminile"}, boolean: func(r *Record) **bool { return &r.WomenPresent }},
	{name: "gender_prevalence", kind: kindEnum, labels: []string{"Riscontro della prevalenza di genere fra i partecipanti"}, str: func(r *Record) **string { return &r.GenderPrevalence }},
	{name: "work_life_balance", kind: kindBool, labels: []string{"Conciliazione con tempi di vita e lavoro dei partecipanti nella gestione del processo"}, boolean: func(r *Record) **bool { return &r.WorkLifeBalance }},
	{name: "process_design", kind: kindText, labels: []string{"Design del processo partecipativo"}, str: func(r *Record) **string { return &r.ProcessDesign }},
	{name: "phases", kind: kindText, labels: []string{"Fasi del percorso"}, str: func(r *Record) **string { return &r.Phases }},
	{name: "digital_tools", kind: kindText, labels: []string{"Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali"}, str: func(r *Record) **string { return &r.DigitalTools }},
	{name: "professional_roles", kind: kindList, labels: []string{"Figure Professionali"}, list: func(r *Record) *[]string { return &r.ProfessionalRoles }},
	{name: "techniques", kind: kindList, labels: []string{"Tecniche di Partecipazione"}, list: func(r *Record) *[]string { return &r.Techniques }},

	{name: "objectives", kind: kindText, labels: []string{"Obiettivi"}, str: func(r *Record) **string { return &r.Objectives }},
	{name: "expected_results", kind: kindText, labels: []string{"Risultati Attesi"}, str: func(r *Record) **string { return &r.ExpectedResults }},
	{name: "proposal_documents_approved", kind: kindBool, labels: []string{"Documenti di proposta partecipata approvati al termine del processo"}, boolean: func(r *Record) **bool { return &r.ProposalDocumentsApproved }},
	{name: "results", kind: kindText, labels: []string{"Risultati conseguiti"}, str: func(r *Record) **string { return &r.Results }},
	{name: "participation_index", kind: kindIndex, labels: []string{"Indice di partecipazione"}},
	{name: "participation_level", kind: kindEnum, labels: []string{"Livello di partecipazione"}, str: func(r *Record) **string { return &r.ParticipationLevel }},

	{name: "reported_by", kind: kindText, labels: []string{"Processo segnalato da"}, str: func(r *Record) **string { return &r.ReportedBy }},
	{name: "source_notes", kind: kindText, labels: []string{"Dettagli o note sulle fonti utilizzate"}, str: func(r *Record) **string { return &r.SourceNotes }},
	{name: "last_modified", kind: kindDate, labels: []string{"Data ultima modifica"}, str: func(r *Record) **string { return &r.LastModified }},
}

// placeholders are texts the observatory shows instead of a value. A field
// showing one is null; the text stays in Raw.
var placeholders = []string{
	"Non indicato o dato non disponibile nelle fonti consultate",
	"Non prevista come premialità nel bando di riferimento",
}
