package pagegen

// fieldHelp holds the help sentences of the "divs" layout's tooltips. Like
// the real site's, they mention other labels ("Partecipanti", "Mappa di
// Impatto"...), so a parser that reads tooltips as text will be misled.
var fieldHelp = map[string]string{
	"Stato di avanzamento":                  "Indicare lo Stato di avanzamento e i Partecipanti del processo",
	"Link":                                  "Indirizzo del sito del processo; la Mappa di Impatto va nel campo dedicato",
	"Logo":                                  "Immagine del Logo del processo, diversa dalla Mappa di Impatto",
	"Natura Processo":                       "Scegliere la Natura Processo in base ad Anno della certificazione e Anno Finanziamento",
	"Anno della certificazione":             "Anno della certificazione del Tecnico di garanzia; vedere anche Natura Processo",
	"Anno Finanziamento":                    "Anno del bando; indicare a parte l'Importo finanziato dal Bando",
	"Importo finanziato dal Bando":          "Importo in euro; il Costo complessivo del processo va indicato a parte",
	"Cofinanziamento altri soggetti":        "Si o No; indicare la Percentuale Cofinanziamento se presente",
	"Cofinanziamento":                       "Si o No; indicare la Percentuale Cofinanziamento se presente",
	"Percentuale Cofinanziamento":           "Quota rispetto al Costo complessivo del processo",
	"Costo complessivo del processo":        "Comprende l'Importo finanziato dal Bando e il Cofinanziamento altri soggetti",
	"Anno di avvio":                         "Anno di avvio; se noto indicare anche la Data inizio del processo",
	"Anno di chiusura":                      "Anno di chiusura; se nota indicare anche la Data fine del processo",
	"Data inizio del processo":              "Formato gg/mm/aaaa; la Durata (mesi) viene calcolata",
	"Data inizio":                           "Formato gg/mm/aaaa; la Durata (mesi) viene calcolata",
	"Data fine del processo":                "Formato gg/mm/aaaa; considerare la Richiesta e concessione della proroga",
	"Data fine":                             "Formato gg/mm/aaaa; considerare la Richiesta e concessione della proroga",
	"Durata (mesi)":                         "Mesi tra Data inizio e Data fine del processo",
	"Richiesta e concessione della proroga": "Si o No; aggiornare di conseguenza la Data fine del processo",
	"Comitato di Garanzia locale":           "Composizione del Comitato; il Tavolo di Negoziazione va descritto a parte",
	"Comitato di Garanzia locale - Funzioni assegnate":       "Selezionare le funzioni; le Altre Funzioni Assegnate vanno nel campo successivo",
	"Comitato di Garanzia locale - Altre Funzioni Assegnate": "Funzioni non previste tra le Funzioni assegnate",
	"Struttura responsabile del processo":                    "Ufficio o servizio e relativo Indirizzo",
	"Indirizzo":                                              "Indirizzo della Struttura responsabile del processo",
	"Tavolo di Negoziazione":                                 "Composizione del Tavolo e rapporto con i Partecipanti",
	"Titolari della decisione":                               "Enti titolari; il Soggetto beneficiario dei contributi va indicato a parte",
	"Soggetto beneficiario dei contributi":                   "Ente che riceve il contributo; i Titolari della decisione vanno indicati a parte",
	"Soggetti esterni":                                       "Organizzazioni coinvolte diverse dai Titolari della decisione e dai Partecipanti",
	"Partecipanti":                                           "Categorie di Partecipanti; il Numero persone partecipanti va indicato in Caratteristiche",
	"Territorio Interessato":                                 "Comuni o quartieri coinvolti; la Mappa si carica dalla scheda Mappa di Impatto",
	"Mappa di Impatto":                                       "Immagine del Territorio Interessato",
	"Mappa":                                                  "Immagine del Territorio Interessato",
	"Ambito di intervento":                                   "Ambito principale; la Tematica specifica va indicata a parte",
	"Tematica specifica":                                     "Dettaglio dell'Ambito di intervento",
	"Tipo di partecipazione":                                 "Indicare se volontaria o regolata; vedere anche Codecisione",
	"Codecisione":                                            "Si o No; vedere anche Titolari della decisione",
	"Numero persone partecipanti (stimate o effettive)":      "Numero stimato o effettivo dei Partecipanti",
	"Numero persone partecipanti":                            "Numero stimato o effettivo dei Partecipanti",
	"Tra i soggetti partecipanti si registra la presenza femminile":                         "Si o No; vedere anche Riscontro della prevalenza di genere fra i partecipanti",
	"Riscontro della prevalenza di genere fra i partecipanti":                               "Femminile o Maschile, in base al Numero persone partecipanti",
	"Conciliazione con tempi di vita e lavoro dei partecipanti nella gestione del processo": "Si o No; descrivere le misure nelle Fasi del percorso",
	"Design del processo partecipativo":                                                     "Descrizione generale; le Fasi del percorso vanno indicate a parte",
	"Fasi del percorso":                                                                     "Elenco delle fasi; le Tecniche di Partecipazione vanno indicate a parte",
	"Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali":                "Strumenti online; vedere anche Tecniche di Partecipazione",
	"Figure Professionali":                                                                  "Facilitatori e altre figure; vedere anche Struttura responsabile del processo",
	"Tecniche di Partecipazione":                                                            "Tecniche usate nelle Fasi del percorso",
	"Obiettivi":                                                                             "Obiettivi del processo; i Risultati Attesi vanno indicati a parte",
	"Risultati Attesi":                                                                      "Risultati previsti; i Risultati conseguiti si indicano a processo concluso",
	"Documenti di proposta partecipata approvati al termine del processo":                   "Si o No; vedere anche Risultati conseguiti",
	"Risultati conseguiti":                                                                  "Esiti del processo rispetto agli Obiettivi",
	"Indice di partecipazione":                                                              "Punteggio calcolato dalla redazione; vedere Livello di partecipazione",
	"Livello di partecipazione":                                                             "Livello prevalente; vedere Indice di partecipazione",
	"Processo segnalato da":                                                                 "Chi ha segnalato il processo; le fonti vanno nei Dettagli o note sulle fonti utilizzate",
	"Dettagli o note sulle fonti utilizzate":                                                "Fonti consultate, con Link ai siti; vedere anche Processo segnalato da",
}

// helpFor returns the tooltip sentence of label.
func helpFor(label string) string {
	if h, ok := fieldHelp[label]; ok {
		return h
	}
	return "Campo compilato dalla redazione; vedere anche Stato di avanzamento e Partecipanti"
}
