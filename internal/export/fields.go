package export

// Field is one field of the record schema (internal/demo/pagegen/scheda-fields.tsv)
// with what an export needs to describe it.
type Field struct {
	Section string // the page section, as in the schema
	LabelIT string // the Italian label(s) on the page; alternatives separated by " | "
	Name    string // the schema field name, also the JSON name in parsers.Record
	Kind    string // the schema type: int, text, bool, enum, url, number, date, index, list(SEP)
	// Description is an English description of the field.
	Description string
	// Enum is the closed vocabulary of an enum field; nil when the
	// vocabulary is open.
	Enum []string
}

// IsList reports whether the field holds several values.
func (f Field) IsList() bool { return len(f.Kind) > 4 && f.Kind[:5] == "list(" }

// fields is the record schema, in the order of scheda-fields.tsv.
var fields = []Field{
	{"header", "(page URL)", "id", "int", "The record's numeric id on the observatory site (from /scheda-processo/{id}).", nil},
	{"header", "(page title)", "title", "text", "Name of the participatory process (the page's main heading).", nil},
	{"header", "Regione Emilia-Romagna", "region", "text", "Region shown in the page header; may be absent.", nil},
	{"header", "Certificato (badge)", "certified", "bool", "True when the page shows the 'certified' badge.", nil},
	{"header", "Finanziato (badge)", "financed", "bool", "True when the page shows the 'financed' badge.", nil},
	{"Processo", "Stato di avanzamento", "status", "enum", "Progress status of the process, as written.", []string{"Concluso", "In corso", "Progetto"}},
	{"Processo", "Link", "website", "url", "The promoter's own website for the process.", nil},
	{"Processo", "Logo", "logo", "url", "URL of the process logo image.", nil},
	{"Processo", "Natura Processo", "nature", "enum", "Nature of the process: certified and/or financed by the regional call.", []string{"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"}},
	{"Processo", "Anno della certificazione", "certification_year", "int", "Year of certification.", nil},
	{"Processo", "Anno Finanziamento", "funding_year", "int", "Year of funding.", nil},
	{"Processo", "Importo finanziato dal Bando", "grant_eur", "number", "Amount granted by the regional call, in euro.", nil},
	{"Processo", "Cofinanziamento altri soggetti | Cofinanziamento", "cofunding", "bool", "Whether other parties co-funded the process; empty when co-funding was not part of the call.", nil},
	{"Processo", "Percentuale Cofinanziamento", "cofunding_percent", "number", "Co-funding share, in percent.", nil},
	{"Processo", "Costo complessivo del processo", "total_cost_eur", "number", "Total cost of the process, in euro.", nil},
	{"Processo", "Anno di avvio", "start_year", "int", "Year the process started.", nil},
	{"Processo", "Anno di chiusura", "end_year", "int", "Year the process ended.", nil},
	{"Processo", "Data inizio del processo | Data inizio", "start_date", "date", "Start date of the process.", nil},
	{"Processo", "Data fine del processo | Data fine", "end_date", "date", "End date of the process.", nil},
	{"Processo", "Durata (mesi)", "duration_months", "int", "Duration of the process, in months.", nil},
	{"Processo", "Richiesta e concessione della proroga", "extension_granted", "bool", "Whether an extension was requested and granted.", nil},
	{"Gestione di Processo", "Comitato di Garanzia locale", "guarantee_committee", "text", "Local guarantee committee.", nil},
	{"Gestione di Processo", "Comitato di Garanzia locale - Funzioni assegnate", "guarantee_committee_functions", "list(, )", "Functions assigned to the local guarantee committee.", nil},
	{"Gestione di Processo", "Comitato di Garanzia locale - Altre Funzioni Assegnate", "guarantee_committee_other_functions", "text", "Other functions assigned to the local guarantee committee.", nil},
	{"Gestione di Processo", "Struttura responsabile del processo", "responsible_unit", "text", "Organisational unit responsible for the process.", nil},
	{"Gestione di Processo", "Indirizzo", "address", "text", "Address of the responsible unit.", nil},
	{"Gestione di Processo", "Tavolo di Negoziazione", "negotiation_table", "text", "Negotiation table.", nil},
	{"Gestione di Processo", "Titolari della decisione", "decision_makers", "list( / )", "Bodies holding the decision.", nil},
	{"Gestione di Processo", "Soggetto beneficiario dei contributi", "grant_beneficiary", "text", "Beneficiary of the grant.", nil},
	{"Gestione di Processo", "Soggetti esterni", "external_parties", "list( / )", "External parties involved.", nil},
	{"Gestione di Processo", "Partecipanti", "participants", "list( / )", "Participants (open vocabulary: citizens, groups, organisations).", nil},
	{"Gestione di Processo", "Territorio Interessato", "territory", "list( / )", "Territory concerned.", nil},
	{"Caratteristiche", "Mappa di Impatto", "impact_map", "url", "URL of the impact map image.", nil},
	{"Caratteristiche", "Ambito di intervento", "scope", "list( / )", "Scope of intervention.", nil},
	{"Caratteristiche", "Tematica specifica", "theme", "list( / )", "Specific themes.", nil},
	{"Caratteristiche", "Tipo di partecipazione", "participation_type", "enum", "Type of participation, as written (open vocabulary).", nil},
	{"Caratteristiche", "Codecisione", "codecision", "bool", "Whether decisions were taken jointly (co-decision).", nil},
	{"Caratteristiche", "Numero persone partecipanti (stimate o effettive) | Numero persone partecipanti", "participants_count", "int", "Number of participants (estimated or actual).", nil},
	{"Caratteristiche", "Tra i soggetti partecipanti si registra la presenza femminile", "women_present", "bool", "Whether women were among the participants.", nil},
	{"Caratteristiche", "Riscontro della prevalenza di genere fra i partecipanti", "gender_prevalence", "text", "Prevailing gender among participants.", nil},
	{"Caratteristiche", "Conciliazione con tempi di vita e lavoro dei partecipanti nella gestione del processo", "work_life_balance", "bool", "Whether the process was organised around participants' work and life times.", nil},
	{"Caratteristiche", "Design del processo partecipativo", "process_design", "text", "Design of the participatory process.", nil},
	{"Caratteristiche", "Fasi del percorso", "phases", "text", "Phases of the process.", nil},
	{"Caratteristiche", "Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali", "digital_tools", "text", "Digital platforms, methods and tools used.", nil},
	{"Caratteristiche", "Figure Professionali", "professional_roles", "list( / )", "Professional roles involved.", nil},
	{"Caratteristiche", "Tecniche di Partecipazione", "techniques", "list( / )", "Participation techniques used.", nil},
	{"Obiettivi e Risultati", "Obiettivi", "objectives", "text", "Objectives.", nil},
	{"Obiettivi e Risultati", "Risultati Attesi", "expected_results", "text", "Expected results.", nil},
	{"Obiettivi e Risultati", "Documenti di proposta partecipata approvati al termine del processo", "proposal_documents_approved", "bool", "Whether participatory proposal documents were approved at the end of the process.", nil},
	{"Obiettivi e Risultati", "Risultati conseguiti", "results", "text", "Results achieved.", nil},
	{"Obiettivi e Risultati", "Indice di partecipazione", "participation_index", "index", "Participation index score (the 17 of \"17 / 30\").", nil},
	{"Obiettivi e Risultati", "Livello di partecipazione", "participation_level", "enum", "Level of participation, as written (open vocabulary).", nil},
	{"Crediti", "Processo segnalato da", "reported_by", "text", "Who reported the process to the observatory.", nil},
	{"Crediti", "Dettagli o note sulle fonti utilizzate", "source_notes", "text", "Notes on the sources used.", nil},
	{"Crediti", "Data ultima modifica", "last_modified", "date", "Date the record was last modified on the observatory site.", nil},
}
