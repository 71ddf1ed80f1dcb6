package alerts_test

import (
	"fmt"
	"time"

	"archivio/internal/alerts"
)

func ExampleDescribe() {
	a := alerts.Alert{
		ID:      12,
		Kind:    "down",
		URL:     "http://www.fabbricaideedistretto.it",
		Verdict: "dns_not_found",
		Records: []alerts.RecordRef{{
			ID:    141,
			Title: "La fabbrica delle idee. Progetti per rilanciare il distretto ceramico",
			URL:   "https://www.osservatoriopartecipazione.it/scheda-processo/141",
		}},
		Since: time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC),
		At:    time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC),
		LastGoodCapture: &alerts.Capture{
			URL:      "http://www.fabbricaideedistretto.it/",
			At:       time.Date(2025, 11, 3, 10, 15, 0, 0, time.UTC),
			WARCFile: "archivio-20251103-00001.warc.gz",
			Offset:   48213,
		},
	}
	fmt.Println(alerts.Headline(a))
	fmt.Println()
	fmt.Print(alerts.Describe(a))
	// Output:
	// DOWN http://www.fabbricaideedistretto.it (dns_not_found)
	//
	// http://www.fabbricaideedistretto.it went down (verdict dns_not_found).
	// Since: 2026-03-02T01:30:00Z
	// Raised: 2026-03-02T02:00:00Z (alert 12)
	//
	// Cited by 1 record:
	// - record 141: La fabbrica delle idee. Progetti per rilanciare il distretto ceramico
	//   https://www.osservatoriopartecipazione.it/scheda-processo/141
	//
	// Last good capture: 2025-11-03T10:15:00Z
	//   URL: http://www.fabbricaideedistretto.it/
	//   WARC: archivio-20251103-00001.warc.gz at offset 48213
}

func ExampleVerifySignature() {
	body := []byte(`{"id":12,"kind":"down"}`)
	header := alerts.Sign("s3cret", body) // what the webhook sink sends in X-Archivio-Signature

	fmt.Println(alerts.VerifySignature("s3cret", body, header))
	fmt.Println(alerts.VerifySignature("wrong", body, header))
	fmt.Println(alerts.VerifySignature("s3cret", []byte(`{"id":13,"kind":"down"}`), header))
	// Output:
	// true
	// false
	// false
}
