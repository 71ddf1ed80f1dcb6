package parsers

import (
	"encoding/json"
	"testing"
)

// record141 is record 141 written out by hand from shared/records/141.txt,
// the one complete page text: every layout must parse to exactly this.
const record141 = `{
  "id": 141,
  "url": "https://www.osservatoriopartecipazione.it/scheda-processo/141",
  "title": "La fabbrica delle idee. Progetti per rilanciare il distretto ceramico",
  "region": "Regione Emilia-Romagna",
  "certified": false,
  "financed": false,
  "status": "Concluso",
  "website": null,
  "logo": null,
  "nature": "Processo non certificato",
  "certification_year": null,
  "funding_year": null,
  "grant_eur": null,
  "cofunding": null,
  "cofunding_percent": null,
  "total_cost_eur": null,
  "start_year": null,
  "end_year": 2011,
  "start_date": null,
  "end_date": null,
  "duration_months": 12,
  "extension_granted": null,
  "guarantee_committee": null,
  "guarantee_committee_functions": null,
  "guarantee_committee_other_functions": null,
  "responsible_unit": null,
  "address": null,
  "negotiation_table": null,
  "decision_makers": ["Comune di Fiorano Modenese"],
  "grant_beneficiary": null,
  "external_parties": ["Comune di Formigine", "Comune di Maranello", "Comune di Sassuolo", "Focus Lab"],
  "participants": ["Singoli cittadini"],
  "territory": ["Fiorano Modenese"],
  "impact_map": "https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg",
  "scope": null,
  "theme": null,
  "participation_type": "Partecipazione volontaria",
  "codecision": false,
  "participants_count": null,
  "women_present": null,
  "gender_prevalence": null,
  "work_life_balance": null,
  "process_design": null,
  "phases": "Il percorso di consultazione-confronto-progettazione intersettoriale prevede diversi livelli di attività e fasi di lavoro, con una discussione e partecipazione struttura, sia per settori che livello intersettoriale:Fase di ascolto e confronto di settore; Fase di presentazione dei risultati (Piano di Azione Fabrica delle Idee, Presentazione risultati e proposte, Road Map, Piano di Azione Fabrica delle Idee, Definizione di progetti in partnership)",
  "digital_tools": null,
  "professional_roles": ["Facilitatori (Esterni)"],
  "techniques": ["Interviste e questionari strutturati", "OST (Open Space Technology)", "Barcamp"],
  "objectives": "La Fabbrica delle Idee è un laboratorio-percorso di confronto intersettoriale per generare idee e proposte progettuali di rilancio del Distretto ceramico. In sintonia con nuovi approcci di governance urbana, l'idea è di partire dal contributo strutturato dei vari attori della realtà economica del mondo del lavoro e della società civile del Comune di Fiorano, 'cuore' del distretto, e di contribuire a mettere a sistema le migliori energie creative presenti sul territorio, anche al di là di schemi consolidati.Un laboratorio aperto per offrire spazioa idee e soluzioni per l'innovazione ela sostenibilità del Distretto Ceramico Obiettivi: generare nuovi scenari economici-sociali-istituzionali di riferimento, con il coinvolgimento di vari attori sociali ed economici; raccogliere le idee più innovative provenienti da vari soggetti e da diverse prospettive; elaborare dei progetti di cambiamento e di innovazione di breve e medio periodo, a livello di settore e/o in partnership con responsabilità condivise, e risultati misurabili nel tempo; sperimentare nuove forme di confronto e progettazione in ottica di governance e e-democracy, usando modalità di confronto su beni pubblici con nuovi strumenti tecnologici e nuove modalità.",
  "expected_results": "Attraverso il laboratorio-percorso, ci si attende di: stimolare l'uscita da una situazione di crisi economica e sociale, al di là di interventi 'tampone' rispetto alle emergenze sociali e produttive o per andare oltre le 'deleghe ad altri' o al 'ben-altrismo', evitare la perdita di competenze e saperi diffusi sul territorio in vari settori, favorire nuovi stimoli e nuove opportunità progettuali e commerciali, con nuove relazioni di governance locale rispetto alle prospettive di medio-lungo periodo del distretto e del ruolo dei vari attori del territorio locale.",
  "proposal_documents_approved": false,
  "results": "Elaborazione Piano di Azione Fabrica delle Idee, Presentazione risultati e proposte, Road Map, Piano di Azione Fabrica delle Idee, Definizione di progetti in partnership.",
  "participation_index": 17,
  "participation_index_max": 30,
  "participation_level": "CONSULTAZIONE",
  "reported_by": "Osservatorio Partecipazione",
  "source_notes": "Il sito http://www.fabbricaideedistretto.it da cui sono state tratte le informazioni sul processo non è più disponibile",
  "last_modified": "2020-02-15"
}`

func TestRecord141EveryLayout(t *testing.T) {
	var want Record
	if err := json.Unmarshal([]byte(record141), &want); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range fixtures(t) {
		if f.id != 141 {
			continue
		}
		seen++
		t.Run(f.layout, func(t *testing.T) {
			r := parseFixture(t, f)
			if got := typed(r); !jsonEqual(got, want) {
				t.Errorf("record 141 (%s) differs from the hand-written record:\n%s", f.layout, jsonDiff(mustJSON(want), mustJSON(got)))
			}
			var gone *Link
			for i, l := range r.Links {
				if l.URL == "http://www.fabbricaideedistretto.it" {
					gone = &r.Links[i]
				}
			}
			if gone == nil || gone.Field != "source_notes" || !gone.DeclaredGone {
				t.Errorf("the vanished project site must be a declared-gone source_notes link; links: %+v", r.Links)
			}
			placeholders := 0
			for _, raw := range r.Raw {
				if raw.Text == "Non indicato o dato non disponibile nelle fonti consultate" {
					placeholders++
				}
			}
			if placeholders != 3 {
				t.Errorf("raw keeps %d placeholder texts, want 3", placeholders)
			}
			if len(r.Raw) != 29 {
				t.Errorf("raw has %d labels, want the 29 of the page", len(r.Raw))
			}
		})
	}
	if seen != len(fixtureLayouts()) {
		t.Errorf("record 141 is in %d layouts, want %d", seen, len(fixtureLayouts()))
	}
}

func jsonEqual(a, b any) bool {
	return string(mustJSON(a)) == string(mustJSON(b))
}
