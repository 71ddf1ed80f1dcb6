package schema_test

import (
	"fmt"

	"archivio/parsers/schema"
)

func ExampleFields() {
	for _, f := range schema.Fields() {
		if f.Name == "cofunding" || f.Name == "decision_makers" {
			fmt.Printf("%s (%s, read as %s) in %q: %q\n", f.Name, f.Type, f.Kind, f.Section, f.Labels)
		}
	}
	// Output:
	// cofunding (bool, read as bool) in "Processo": ["Cofinanziamento altri soggetti" "Cofinanziamento"]
	// decision_makers (list( / ), read as list) in "Gestione di Processo": ["Titolari della decisione"]
}
