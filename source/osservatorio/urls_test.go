package osservatorio

import (
	"fmt"
	"net/url"
	"testing"
)

func TestRecordID(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
		ok       bool
	}{
		{"https", "https://www.osservatoriopartecipazione.it/scheda-processo/141", 141, true},
		{"http", "http://www.osservatoriopartecipazione.it/scheda-processo/1074", 1074, true},
		{"ambito path", "https://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/1068", 1068, true},
		{"trailing slash", "https://www.osservatoriopartecipazione.it/scheda-processo/141/", 141, true},
		{"query", "/scheda-processo/141?lang=it", 141, true},
		{"file path of a mirror", "mirror/www.osservatoriopartecipazione.it/scheda-processo/141.html", 141, true},
		{"id is not a prefix of a word", "/scheda-processo/141abc", 0, false},
		{"listing", "https://www.osservatoriopartecipazione.it/processi", 0, false},
		{"zero", "/scheda-processo/0", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := RecordID(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RecordID(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRecordKey(t *testing.T) {
	if k := RecordKey(141); k != "record:141" {
		t.Errorf("RecordKey(141) = %q", k)
	}
	for key, want := range map[string]int{"record:141": 141, "record:0": 0, "record:x": 0, "url:/processi": 0, "": 0} {
		id, ok := KeyRecordID(key)
		if id != want || ok != (want != 0) {
			t.Errorf("KeyRecordID(%q) = %d, %v; want %d", key, id, ok, want)
		}
	}
}

func TestRecordURL(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"https://www.osservatoriopartecipazione.it", "https://www.osservatoriopartecipazione.it/scheda-processo/141"},
		{"http://127.0.0.1:8080/processi?page=2#x", "http://127.0.0.1:8080/scheda-processo/141"},
	} {
		base, _ := url.Parse(tc.base)
		if got := RecordURL(base, 141).String(); got != tc.want {
			t.Errorf("RecordURL(%s) = %s, want %s", tc.base, got, tc.want)
		}
		if base.Path == "/scheda-processo/141" {
			t.Error("RecordURL changed its base")
		}
	}
}

func ExampleRecordID() {
	for _, u := range []string{
		"http://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/141",
		"https://www.osservatoriopartecipazione.it/scheda-processo/141/",
	} {
		id, _ := RecordID(u)
		fmt.Println(id, RecordKey(id))
	}
	// Output:
	// 141 record:141
	// 141 record:141
}
